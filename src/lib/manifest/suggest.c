/* suggest.c - the key a manifest's author most likely meant. */
#include <stddef.h>
#include <string.h>

#include "manifest/suggest.h"
#include "util/suggest.h"

/*
 * Words people write for a key, lower case with '_', and the key each
 * means; a word counts only where its key is allowed ("kind" means type
 * in a document, and is a key of its own in an episode).
 */
static const struct {
	const char *word;
	const char *key;
} key_words[] = {
	{ "discharge_date", "end" },
	{ "discharged", "end" },
	{ "discharge", "end" },
	{ "end_date", "end" },
	{ "until", "end" },
	{ "admission_date", "start" },
	{ "admitted", "start" },
	{ "admission", "start" },
	{ "start_date", "start" },
	{ "visit_date", "start" },
	{ "hospital_name", "hospital" },
	{ "hospital_cn", "hospital_zh" },
	{ "hospital_chinese", "hospital_zh" },
	{ "total", "amount" },
	{ "total_amount", "amount" },
	{ "sum", "amount" },
	{ "price", "amount" },
	{ "cost", "amount" },
	{ "fee", "amount" },
	{ "file", "files" },
	{ "path", "files" },
	{ "paths", "files" },
	{ "scan", "files" },
	{ "scans", "files" },
	{ "pages", "files" },
	{ "kind", "type" },
	{ "doctype", "type" },
	{ "document_type", "type" },
	{ "patient_name", "name" },
	{ "full_name", "name" },
	{ "passport_number", "passport" },
	{ "passport_no", "passport" },
	{ "birthday", "birth_date" },
	{ "birthdate", "birth_date" },
	{ "date_of_birth", "birth_date" },
	{ "dob", "birth_date" },
	{ "alias", "aliases" },
	{ "episode_id", "episode" },
	{ "visit", "episode" },
	{ "stay", "episode" },
	{ "translates", "translation_of" },
	{ "original", "translation_of" },
	{ "url", "verify_url" },
	{ "template", "purpose" },
	{ "claim_number", "reference" },
	{ "policy_number", "policy" },
	{ "version", "claimpack" },
};

static const char *
allowed_key(const char *key, const char *const *allowed)
{
	size_t i;

	for (i = 0; allowed[i] != NULL; i++)
		if (strcmp(allowed[i], key) == 0)
			return allowed[i];
	return NULL;
}

const char *
cp__key_suggest(const char *typed, const char *const *allowed)
{
	char word[64];
	const char *key;
	size_t i, n;

	for (n = 0; typed[n] != '\0'; n++) {
		if (n + 1 >= sizeof(word))
			break;
		word[n] = typed[n] >= 'A' && typed[n] <= 'Z' ?
		    (char)(typed[n] - 'A' + 'a') :
		    typed[n] == ' ' || typed[n] == '-' ? '_' : typed[n];
	}
	word[n] = '\0';
	if (typed[n] == '\0') {
		if ((key = allowed_key(word, allowed)) != NULL)
			return key;
		for (i = 0; i < sizeof(key_words) / sizeof(key_words[0]); i++)
			if (strcmp(key_words[i].word, word) == 0 &&
			    (key = allowed_key(key_words[i].key, allowed)) !=
			    NULL)
				return key;
	}
	for (n = 0; allowed[n] != NULL; n++)
		;
	return cp__suggest_word(typed, allowed, n);
}
