/* calbook-decline-dialog.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-booking-text.h"
#include "calbook-decline-dialog.h"
#include "calbook-input.h"

/* Declining is final and tells the client: it is asked, with an optional reason */

struct _CalbookDeclineDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *reason_row;
};

G_DEFINE_FINAL_TYPE (CalbookDeclineDialog, calbook_decline_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
calbook_decline_dialog_class_init (CalbookDeclineDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-decline-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookDeclineDialog, reason_row);
}

static void
calbook_decline_dialog_init (CalbookDeclineDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  calbook_input_fix_button_names (GTK_WIDGET (self));
}

CalbookDeclineDialog *
calbook_decline_dialog_new (GtkWindow      *parent,
                            CalbookBooking *booking)
{
  CalbookDeclineDialog *self;
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  self = g_object_new (CALBOOK_TYPE_DECLINE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  what = calbook_booking_text_describe (booking);
  /* Translators: %s is a booking, e.g. "Ann Smith, Tue 3 Dec 10:00–10:30" */
  body = g_strdup_printf (_("The request (%s) is declined, and Cal.com tells the client. "
                            "This can't be undone."), what);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  return self;
}

char *
calbook_decline_dialog_dup_reason (CalbookDeclineDialog *self)
{
  g_return_val_if_fail (CALBOOK_IS_DECLINE_DIALOG (self), NULL);

  return calbook_input_dup_text (GTK_EDITABLE (self->reason_row));
}
