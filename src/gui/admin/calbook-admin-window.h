/* calbook-admin-window.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-context.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_ADMIN_WINDOW (calbook_admin_window_get_type ())

G_DECLARE_FINAL_TYPE (CalbookAdminWindow, calbook_admin_window, CALBOOK, ADMIN_WINDOW, AdwWindow)

gboolean            calbook_admin_window_is_allowed         (CalbookContext     *context);
CalbookAdminWindow *calbook_admin_window_open               (GtkApplication     *application,
                                                             CalbookContext     *context,
                                                             GtkWindow          *parent);
void                calbook_admin_window_close_all          (GtkApplication     *application);
gboolean            calbook_admin_window_has_pending_change (CalbookAdminWindow *self,
                                                             const char         *uid);
const char         *calbook_admin_window_lookup_event_type_title (CalbookAdminWindow *self,
                                                                  gint64              id);

G_END_DECLS
