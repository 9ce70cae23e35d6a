/* gui-test-util.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean gui_test_prepare     (int         *argc,
                               char      ***argv,
                               const char  *home_template,
                               char       **own_home);
void     gui_test_remove_tree (const char  *path);

G_END_DECLS
