/*
 * i18n.h — gettext macros.  Every user-facing string is wrapped in _() (or
 * N_() where it is translated later) so that the catalogs in po/ can reach it.
 */
#ifndef JINGSAI_I18N_H
#define JINGSAI_I18N_H

#include <libintl.h>

#define _(s)  gettext(s)
#define N_(s) (s)

#endif
