/* template_builtin.h - the templates and data files compiled into the
 * library. */
#ifndef CP_TEMPLATE_BUILTIN_H
#define CP_TEMPLATE_BUILTIN_H

typedef struct {
	const char *name;   /* file name without .yaml */
	const char *text;   /* the YAML text, NUL-terminated */
} cp__builtin_template;

/* Generated from the files in templates/ by tools/embed.sh; ends with
 * a NULL entry. */
extern const cp__builtin_template cp__builtin_templates[];

/* Likewise from the files in data/ (data/paper-names.yaml: what names
 * of files and folders tell `claimpack init`). */
extern const cp__builtin_template cp__builtin_data[];

#endif
