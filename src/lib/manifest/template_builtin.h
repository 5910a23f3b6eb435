/* template_builtin.h - the templates compiled into the library. */
#ifndef CP_TEMPLATE_BUILTIN_H
#define CP_TEMPLATE_BUILTIN_H

typedef struct {
	const char *name;   /* file name without .yaml */
	const char *text;   /* the YAML text, NUL-terminated */
} cp__builtin_template;

/* Generated from the files in templates/ by tools/embed.sh; ends with
 * a NULL entry. */
extern const cp__builtin_template cp__builtin_templates[];

#endif
