/* doc_files.h - a document's `files:` list in the manifest.  Private.
 *
 * Each item is a path as written (a file, or for imaging_files a
 * folder), or a mapping {path: records/x.jpg, rotate: 90} for a paper
 * scanned or photographed the wrong way round: the bundle turns that
 * file's pages clockwise by 90, 180 or 270 degrees.  A lone path stands
 * for a list of one.
 */
#ifndef CP_DOC_FILES_H
#define CP_DOC_FILES_H

#include "manifest/claim.h"
#include "manifest/yaml.h"

/*
 * Reads the `files:` value `node` of document `doc` (whose id and type
 * are read already) into doc->files, doc->rotate and doc->nfiles.  A
 * rotate other than 90, 180 or 270, or one on an imaging_files
 * document, is a manifest error at its value.  Returns CP_OK, y's bad
 * code or CP_ENOMEM; on failure the document has no files.
 */
int cp__doc_files_read(cp__yaml *y, struct fy_node *node, cp__document *doc);

#endif
