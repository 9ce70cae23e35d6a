/* test-file-scan.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "test-file-scan.h"

gboolean
test_file_contains (const char *path,
                    const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return g_strstr_len (contents, (gssize) length, needle) != NULL;
}

void
test_find_files_holding (const char *dir,
                         const char *needle,
                         gint64      since_us,
                         GPtrArray  *found)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0 || S_ISLNK (st.st_mode))
        continue;
      if (S_ISDIR (st.st_mode))
        test_find_files_holding (path, needle, since_us, found);
      else if (S_ISREG (st.st_mode) && st.st_size < 64 * 1024 * 1024 &&
               /* mtime has whole seconds: a file changed in the second the
                * scan's start fell in counts */
               (since_us == 0 || (gint64) st.st_mtime * G_USEC_PER_SEC >= since_us - G_USEC_PER_SEC) &&
               test_file_contains (path, needle))
        g_ptr_array_add (found, g_steal_pointer (&path));
    }
}
