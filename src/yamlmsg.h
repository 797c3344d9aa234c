/*
 * yamlmsg.h — libyaml's error texts translated (see yamlmsg.c).
 */
#ifndef JINGSAI_YAMLMSG_H
#define JINGSAI_YAMLMSG_H

/* The UI-language version of a libyaml problem or context text; the text
 * itself when it is not one libyaml 0.2.5 writes; NULL for NULL. */
const char *yamlmsg(const char *text);

#endif
