/* calbook-preferences-window.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-account.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_PREFERENCES_WINDOW (calbook_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CalbookPreferencesWindow, calbook_preferences_window,
                      CALBOOK, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *calbook_preferences_window_new (GtkWindow      *parent,
                                           GSettings      *settings,
                                           CalbookAccount *account,
                                           gboolean        can_sign_out,
                                           guint           n_unsent);

G_END_DECLS
