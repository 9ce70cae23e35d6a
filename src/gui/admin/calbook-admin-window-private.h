/* calbook-admin-window-private.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-admin-window.h"
#include "calbook-export.h"

G_BEGIN_DECLS

/* For the GUI tests: what is on screen */
GtkColumnView  *_calbook_admin_window_get_column_view (CalbookAdminWindow *self);
GListModel     *_calbook_admin_window_get_model       (CalbookAdminWindow *self);
/* (transfer none): a template object by its id */
gpointer        _calbook_admin_window_get_child       (CalbookAdminWindow *self,
                                                       const char         *name);
GListModel     *_calbook_admin_window_get_members     (CalbookAdminWindow *self);
/* (transfer full): the whole booking of a row (the rows are summaries) */
CalbookBooking *_calbook_admin_window_dup_booking     (CalbookAdminWindow *self,
                                                       guint               position);

/* What the file chooser's answer starts (the chooser cannot be driven in tests) */
void            _calbook_admin_window_export_to       (CalbookAdminWindow *self,
                                                       GFile              *file,
                                                       gboolean            csv);
gboolean        _calbook_admin_window_is_exporting    (CalbookAdminWindow *self);

G_END_DECLS
