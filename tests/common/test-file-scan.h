/* test-file-scan.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when the file at @path can be read and holds @needle */
gboolean test_file_contains      (const char *path,
                                 const char *needle);

/* Adds to @found (element-type filename, owned) the regular files under
 * @dir that hold @needle, changed since @since_us (real time; 0 for any
 * time). Symbolic links are not followed, files over 64 MiB not read. */
void     test_find_files_holding (const char *dir,
                                 const char *needle,
                                 gint64      since_us,
                                 GPtrArray  *found);

G_END_DECLS
