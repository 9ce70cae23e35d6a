/* gui-test-util.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

gboolean gui_test_prepare     (int         *argc,
                               char      ***argv,
                               const char  *home_template,
                               char       **own_home);
void     gui_test_remove_tree (const char  *path);

typedef gboolean (*GuiTestPredicate) (gpointer data);

void     gui_test_collect_widgets (gpointer    widget,
                                   GType       type,
                                   GPtrArray  *found);

void     gui_test_wait_until  (GuiTestPredicate  predicate,
                               gpointer          data,
                               guint             seconds,
                               const char       *what);
gboolean gui_test_is_true     (gpointer          data);
gpointer gui_test_get_window  (gpointer          application);

void     gui_test_take_window_shot (gpointer     window,
                                    const char  *name);

G_END_DECLS
