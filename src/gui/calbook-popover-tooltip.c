/* calbook-popover-tooltip.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-popover-tooltip.h"

static void
on_popover_closed_cb (GtkWidget *popover)
{
  gtk_widget_unrealize (popover);
}

void
calbook_popover_tooltip_release_on_close (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_POPOVER (widget))
    g_signal_connect (widget, "closed", G_CALLBACK (on_popover_closed_cb), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    calbook_popover_tooltip_release_on_close (child);
}
