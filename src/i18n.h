/*
 * i18n.h — the UI language.  Every user-facing string is wrapped in _() (or
 * N_() where it is translated later) so that the catalogs in po/ reach it.
 *
 * The language is decided here, not by the C library: a machine often has no
 * zh_CN locale generated (only C.UTF-8), and then setlocale() would refuse
 * it and gettext would never translate.  So the language comes from --lang or
 * the environment, and the catalog is chosen explicitly through LANGUAGE
 * with a UTF-8 LC_MESSAGES.
 */
#ifndef JINGSAI_I18N_H
#define JINGSAI_I18N_H

#include <libintl.h>

#define _(s)  gettext(s)
#define N_(s) (s)

/* A string whose translation depends on where it stands, as gettext's
 * msgctxt: C_("scoreboard", "Score") is a team's total (总分), where the
 * practice report's "Score" is a percentage (成绩).  The catalog keys it as
 * CTX "\004" S; without a translation the English S is used. */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

static inline const char *
i18n_pgettext(const char *key, const char *s)
{
	const char *t = gettext(key);

	return t == key ? s : t;
}

enum i18n_lang {
	I18N_EN,
	I18N_ZH,
};

/* The language the environment asks for: the first of LANGUAGE, LC_ALL,
 * LC_MESSAGES and LANG that is set and not empty; Chinese when it starts
 * with "zh", English otherwise. */
enum i18n_lang i18n_env_lang(void);

/* Parse a --lang value ("zh", "zh_CN", "en", ...); -1 when unknown. */
int i18n_parse_lang(const char *s);

/* Bind the catalogs (the build tree's for an uninstalled binary, else the
 * installed ones) and switch the UI to lang.  May be called again later,
 * for instance when a command's --lang overrides the environment. */
void i18n_setup(enum i18n_lang lang);

/* The language in use. */
enum i18n_lang i18n_lang(void);

#endif
