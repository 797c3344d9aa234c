# bash completion for jingsai(1)                            -*- shell-script -*-
#
# Installed as $(DATADIR)/bash-completion/completions/jingsai, where
# bash-completion loads it the first time `jingsai` is completed; or source it
# from ~/.bashrc.  Completes the commands, each command's options, the values
# of --lang, --order, --format, --type, --difficulty, --from and --to, the
# categories and tags of the banks named on the line (or of the banks the
# command would use: questions/, then the installed ones), and bank paths
# (directories and .yaml/.yml files).  It needs nothing from bash-completion.
#
# The option lists follow `jingsai COMMAND --help`; tests/cli/unix.sh checks
# that they stay the same.

_jingsai_commands='practice exam lint stats import export host board'

# The options of command $1, one word each.
_jingsai_options()
{
	case $1 in
	practice)
		echo --count --category --tag --type --difficulty --order --seed \
			--no-shuffle --time --no-time --review --report --lang --no-color -h --help
		;;
	exam)
		echo --count --time --pass --category --tag --type --difficulty \
			--order --seed --no-shuffle --no-time --report --lang --no-color -h --help
		;;
	lint) echo --strict --format --no-context -h --help ;;
	stats) echo --format -h --help ;;
	import) echo --from -o --output --force --prefix --title -h --help ;;
	export) echo --to -o --output --force -h --help ;;
	host) echo --out --resume --seed --lang --no-color -h --help ;;
	board) echo --lang -h --help ;;
	esac
}

# Whether option $1 takes a value (the next word, or after '=').
_jingsai_takes_value()
{
	case $1 in
	--count | --category | --tag | --type | --difficulty | --order | --seed | \
		--time | --report | --lang | --pass | --format | --from | -o | \
		--output | --prefix | --title | --to | --out)
		return 0
		;;
	esac
	return 1
}

# Add to COMPREPLY each candidate that begins with $1: the other arguments,
# or without them the lines of standard input (names from the banks, which
# may hold spaces and quotes: those are escaped as the shell would need).
_jingsai_add()
{
	local cur=$1 w
	shift
	if [ $# -gt 0 ]; then
		for w in "$@"; do
			case $w in "$cur"*) COMPREPLY+=("$w") ;; esac
		done
		return 0
	fi
	while IFS= read -r w; do
		case $w in
		"") ;;
		"$cur"*)
			w=${w//\\/\\\\}
			w=${w// /\\ }
			w=${w//\'/\\\'}
			w=${w//\"/\\\"}
			COMPREPLY+=("$w")
			;;
		esac
	done
}

# The category or tag names ($2: categories or tags) of the banks in the rest
# of the arguments, from `jingsai stats --format json` run as $1.
_jingsai_bank_names()
{
	local bin=$1 what=$2
	shift 2
	"$bin" stats --format json "$@" 2>/dev/null |
		sed -n "s/^ \"$what\": \\[//p" |
		grep -o '"name": "\([^"\\]\|\\.\)*"' |
		sed 's/^"name": "//; s/"$//; s/\\"/"/g; s/\\\\/\\/g'
}

# Directories, and the files whose names end in one of the suffixes given.
_jingsai_paths()
{
	local cur=$1 s IFS=$'\n'
	shift
	compopt -o filenames 2>/dev/null
	COMPREPLY+=($(compgen -d -- "$cur"))
	if [ $# -eq 0 ]; then
		COMPREPLY+=($(compgen -f -- "$cur"))
		return
	fi
	for s in "$@"; do
		COMPREPLY+=($(compgen -f -X "!*.$s" -- "$cur"))
	done
}

_jingsai()
{
	local cur prev cmd opt bin i w
	local -a banks
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	bin=${COMP_WORDS[0]}
	command -v "$bin" >/dev/null 2>&1 || bin=jingsai

	if [ "$COMP_CWORD" -le 1 ]; then
		case $cur in
		-*) _jingsai_add "$cur" --help --version -h ;;
		*) _jingsai_add "$cur" $_jingsai_commands ;;
		esac
		return 0
	fi
	cmd=${COMP_WORDS[1]}

	# The option whose value is being completed: "--lang zh", "--lang=zh"
	# (split at '=' when COMP_WORDBREAKS has it, as by default), or none.
	opt=
	if [ "$cur" = "=" ]; then
		opt=$prev
		cur=
	elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -ge 3 ]; then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		cur=${cur#*=}
	elif _jingsai_takes_value "$prev"; then
		opt=$prev
	fi

	# The banks already on the line: the words that are neither options nor
	# their values.
	banks=()
	i=2
	while [ "$i" -lt "$COMP_CWORD" ]; do
		w=${COMP_WORDS[i]}
		case $w in
		--*=* | =) ;;
		-*)
			if _jingsai_takes_value "$w"; then
				[ "${COMP_WORDS[i + 1]}" = "=" ] && i=$((i + 1))
				i=$((i + 1))
			fi
			;;
		*) banks+=("$w") ;;
		esac
		i=$((i + 1))
	done

	if [ -n "$opt" ]; then
		case $opt in
		--lang) _jingsai_add "$cur" zh en ;;
		--order) _jingsai_add "$cur" shuffled sequential ;;
		--format) _jingsai_add "$cur" text json ;;
		--type)
			_jingsai_add "$cur" single multiple judge fill open 单选 多选 判断 填空 简答
			;;
		--difficulty) _jingsai_add "$cur" 1 2 3 ;;
		--from) _jingsai_add "$cur" csv gift aiken ;;
		--to) _jingsai_add "$cur" gift csv ;;
		--category | --tag)
			if [ "$opt" = --category ]; then w=categories; else w=tags; fi
			_jingsai_add "$cur" < <(_jingsai_bank_names "$bin" "$w" "${banks[@]}")
			;;
		--report) _jingsai_paths "$cur" json md ;;
		-o | --output)
			if [ "$cmd" = import ]; then
				_jingsai_paths "$cur" yaml yml
			else
				_jingsai_paths "$cur"
			fi
			;;
		--out)
			compopt -o filenames 2>/dev/null
			local IFS=$'\n'
			COMPREPLY=($(compgen -d -- "$cur"))
			;;
		esac
		return 0
	fi

	case $cur in
	-*)
		_jingsai_add "$cur" $(_jingsai_options "$cmd")
		return 0
		;;
	esac
	case $cmd in
	practice | exam | lint | stats | export) _jingsai_paths "$cur" yaml yml ;;
	host) [ ${#banks[@]} -eq 0 ] && _jingsai_paths "$cur" yaml yml ;;
	board)
		if [ ${#banks[@]} -eq 0 ]; then
			compopt -o filenames 2>/dev/null
			local IFS=$'\n'
			COMPREPLY=($(compgen -d -- "$cur"))
		fi
		;;
	import) [ ${#banks[@]} -eq 0 ] && _jingsai_paths "$cur" ;;
	esac
	return 0
}

complete -F _jingsai jingsai
