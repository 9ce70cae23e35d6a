/* calbook-popover-tooltip.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * GTK 4.8 keeps its one tooltip window (per display) with the last popover
 * the pointer was in: once that popover is closed, no tooltip of the
 * window shows again. A popover that is unrealized gives the tooltip back
 * (it is realized again when it next pops up). Call this once the widget
 * tree is built (after gtk_widget_init_template()): every popover under
 * @widget (menus, drop-downs, pickers) is unrealized when it closes.
 */
void calbook_popover_tooltip_release_on_close (GtkWidget *widget);

G_END_DECLS
