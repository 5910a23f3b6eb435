/* imaging.h - what an imaging folder (a CD or a download) holds: its
 * patients, studies and series, read from the DICOM headers of its files
 * (input/dicom.h), for the checks, the index and `claimpack read`.
 *
 * The folder is walked (util/walk.h); junk (input/junk.h: viewer
 * programs and their folders, autorun.inf, Thumbs.db, .DS_Store, hidden
 * files, __MACOSX/) is skipped silently.  A file that claims to
 * be DICOM (by its name: .dcm, .dicom, .dic, or no extension in a DICOM
 * tree such as IMAGES/IM00001; or by "DICM" at 128) but cannot be read is
 * counted as unreadable and listed.  A DICOMDIR is read and each file it
 * lists that the folder lacks is listed as missing.  Only the header
 * bytes of each file are read.
 */
#ifndef CP_IMAGING_H
#define CP_IMAGING_H

#include <stdbool.h>
#include <stddef.h>

#include "claimpack.h"
#include "input/dicom.h"

/* The most files of one folder looked at. */
#define CP__IMAGING_MAX_FILES 100000u

/* A patient as the images name them: one per distinct PatientName (as
 * written) and PatientID. */
typedef struct {
	char name[CP__DICOM_TEXT_MAX];  /* UTF-8, groups and ^ as written */
	char id[CP__DICOM_TEXT_MAX];
	char birth_date[11];            /* "YYYY-MM-DD" or "" */
	char sex[2];
	size_t images;                  /* files of this patient */
	char first_file[CP__DICOM_TEXT_MAX]; /* one of them, below the
	                                        folder ("IMAGES/IM0001") */
} cp__imaging_patient;

/* A study: one per StudyInstanceUID (files without one share one). */
typedef struct {
	char uid[65];
	char date[11];                  /* "YYYY-MM-DD" or "" */
	char modalities[64];            /* "CT", or "CT\\SR" for several,
	                                   in order of first appearance */
	char description[CP__DICOM_TEXT_MAX];
	char institution[CP__DICOM_TEXT_MAX];
	size_t series;                  /* distinct SeriesInstanceUIDs */
	size_t images;                  /* files (a multi-frame file is
	                                   one image) */
	size_t patient;                 /* index in patients */
} cp__imaging_study;

typedef struct {
	cp__imaging_patient *patients;
	size_t npatients;
	cp__imaging_study *studies;     /* by date, then uid */
	size_t nstudies;
	size_t images;                  /* DICOM files read */
	size_t unreadable;              /* claimed DICOM, could not read */
	char **unreadable_files;        /* the first 20, below the folder,
	                                   each with ": " and why */
	size_t nunreadable_files;
	bool has_dicomdir;
	size_t missing;                 /* files the DICOMDIR lists that
	                                   the folder lacks */
	char **missing_files;           /* the first 20 */
	size_t nmissing_files;
	bool guessed_charset;           /* some name was read as GB18030
	                                   against its declared set */
	unsigned long long bytes;       /* of the DICOM files read, the
	                                   DICOMDIR included */
} cp__imaging;

/*
 * Reads the imaging folder (or single file) at `path`.  Returns CP_OK
 * with *out filled (free with cp__imaging_free); CP_EIO when the folder
 * cannot be walked (err names it); CP_ENOMEM.
 */
int cp__imaging_read(cp__imaging *out, const char *path, cp_error *err);

void cp__imaging_free(cp__imaging *im);

#endif
