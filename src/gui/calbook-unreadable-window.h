/* calbook-unreadable-window.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-store.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_UNREADABLE_WINDOW (calbook_unreadable_window_get_type ())

G_DECLARE_FINAL_TYPE (CalbookUnreadableWindow, calbook_unreadable_window, CALBOOK, UNREADABLE_WINDOW, AdwWindow)

CalbookUnreadableWindow *calbook_unreadable_window_new         (GtkWindow               *parent,
                                                                CalbookStore            *store);
void                     calbook_unreadable_window_reload      (CalbookUnreadableWindow *self);
guint                    calbook_unreadable_window_get_n_items (CalbookUnreadableWindow *self);

G_END_DECLS
