/* calbook-outbox-window.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "calbook-context.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_OUTBOX_WINDOW (calbook_outbox_window_get_type ())

G_DECLARE_FINAL_TYPE (CalbookOutboxWindow, calbook_outbox_window, CALBOOK, OUTBOX_WINDOW, AdwWindow)

CalbookOutboxWindow *calbook_outbox_window_new                (GtkWindow                *parent,
                                                               CalbookContext           *context);
void                 calbook_outbox_window_reload             (CalbookOutboxWindow      *self);
guint                calbook_outbox_window_get_n_entries      (CalbookOutboxWindow      *self);
GtkWidget           *calbook_outbox_window_get_entry_widget   (CalbookOutboxWindow      *self,
                                                               gint64                    id);

char                *calbook_outbox_describe_failure          (CalbookStore             *store,
                                                               const CalbookOutboxEntry *entry,
                                                               const GError             *error);

G_END_DECLS
