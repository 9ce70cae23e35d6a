/* calbook-accessible.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void calbook_accessible_name_from_label   (GtkWidget *control);
void calbook_accessible_name_from_tooltip (GtkWidget *control);
void calbook_accessible_name_button       (GtkWidget  *root,
                                           const char *shown_text,
                                           const char *name);

G_END_DECLS
