/*
 * yamlscan: the "bare libyaml event scan" baseline for `make bench`.
 *
 *     yamlscan FILE
 *
 * Parses FILE with libyaml's event API and nothing else: no model, no
 * validation, no allocation beyond libyaml's own. Its time and peak memory are
 * the floor that `jingsai lint` is measured against (bench/run.sh): the loader
 * cannot be faster than the parser it uses, and how far above this it lands is
 * the cost of everything jingsai does on top.
 *
 * Prints "events N" and exits 0; on a parse error prints the problem with its
 * line and column to stderr and exits 1; exits 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: yamlscan FILE\n");
		return 2;
	}
	const char *path = argv[1];
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(stderr, "yamlscan: %s: %s\n", path, strerror(errno));
		return 1;
	}

	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "yamlscan: out of memory\n");
		fclose(fp);
		return 1;
	}
	yaml_parser_set_input_file(&parser, fp);

	unsigned long long events = 0;
	int status = 0;
	for (;;) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event)) {
			const char *problem = parser.problem ? parser.problem : "parse error";
			if (parser.error == YAML_READER_ERROR) {
				/* Bad encoding: libyaml gives a byte offset, not a mark. */
				fprintf(stderr, "yamlscan: %s: byte %lu: %s", path,
					(unsigned long)parser.problem_offset, problem);
			} else {
				fprintf(stderr, "yamlscan: %s:%lu:%lu: %s", path,
					(unsigned long)parser.problem_mark.line + 1,
					(unsigned long)parser.problem_mark.column + 1, problem);
			}
			if (parser.context)
				fprintf(stderr, " (%s, line %lu)", parser.context,
					(unsigned long)parser.context_mark.line + 1);
			fputc('\n', stderr);
			status = 1;
			break;
		}
		events++;
		yaml_event_type_t type = event.type;
		yaml_event_delete(&event);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}

	yaml_parser_delete(&parser);
	if (ferror(fp)) {
		fprintf(stderr, "yamlscan: %s: read error\n", path);
		status = 1;
	}
	fclose(fp);
	if (status == 0)
		printf("events %llu\n", events);
	return status;
}
