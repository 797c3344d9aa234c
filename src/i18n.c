/*
 * i18n.c — choosing the UI language and its catalog.  See i18n.h for why
 * this does not simply trust setlocale().
 */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "i18n.h"

static enum i18n_lang current = I18N_EN;

enum i18n_lang
i18n_env_lang(void)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		v = getenv(vars[i]);
		if (v != NULL && *v != '\0')
			return strncasecmp(v, "zh", 2) == 0 ? I18N_ZH : I18N_EN;
	}
	return I18N_EN;
}

int
i18n_parse_lang(const char *s)
{
	if (strncasecmp(s, "zh", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-'))
		return I18N_ZH;
	if (strncasecmp(s, "en", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-'))
		return I18N_EN;
	return -1;
}

/* The uninstalled binary (anywhere below the source tree it was built in)
 * reads the catalogs its build made; an installed one the installed ones. */
static const char *
locale_dir(void)
{
	static char exe[PATH_MAX];
	const char *env = getenv("JINGSAI_LOCALEDIR");
	size_t n = strlen(JINGSAI_SRCDIR);
	ssize_t len;

	if (env != NULL && *env != '\0')
		return env;
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		exe[len] = '\0';
		if (strncmp(exe, JINGSAI_SRCDIR, n) == 0 && exe[n] == '/')
			return JINGSAI_BUILD_LOCALEDIR;
	}
	return JINGSAI_LOCALEDIR;
}

void
i18n_setup(enum i18n_lang lang)
{
	const char *m;

	current = lang;
	bindtextdomain("jingsai", locale_dir());
	bind_textdomain_codeset("jingsai", "UTF-8");
	textdomain("jingsai");
	/* gettext ignores LANGUAGE under the plain C locale, so messages need a
	 * real one: keep the user's if it was accepted, else C.UTF-8. */
	m = setlocale(LC_MESSAGES, NULL);
	if (m == NULL || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", lang == I18N_ZH ? "zh_CN" : "en", 1);
	/* Setting a locale category again drops gettext's cached translations. */
	m = setlocale(LC_MESSAGES, NULL);
	if (m != NULL) {
		char *copy = strdup(m);

		if (copy != NULL) {
			setlocale(LC_MESSAGES, copy);
			free(copy);
		}
	}
}

enum i18n_lang
i18n_lang(void)
{
	return current;
}
