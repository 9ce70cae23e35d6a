/* calbook-cancel-dialog.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-booking-text.h"
#include "calbook-cancel-dialog.h"
#include "calbook-input.h"

/*
 * Cancelling asks for a reason — required from the organizer, as Cal.com
 * refuses a cancellation without one from them — and, for one occurrence
 * of a series, whether the following ones go too.
 */

struct _CalbookCancelDialog
{
  AdwMessageDialog  parent_instance;

  gboolean          reason_required;

  AdwEntryRow      *reason_row;
  GtkWidget        *reason_hint;
  GtkWidget        *series_list;
  GtkCheckButton   *following_check;
};

G_DEFINE_FINAL_TYPE (CalbookCancelDialog, calbook_cancel_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_reason_changed_cb (CalbookCancelDialog *self)
{
  g_autofree char *reason = calbook_input_dup_text (GTK_EDITABLE (self->reason_row));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "cancel-booking",
                                           !self->reason_required || reason != NULL);
}

static void
calbook_cancel_dialog_class_init (CalbookCancelDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-cancel-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookCancelDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookCancelDialog, reason_hint);
  gtk_widget_class_bind_template_child (widget_class, CalbookCancelDialog, series_list);
  gtk_widget_class_bind_template_child (widget_class, CalbookCancelDialog, following_check);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_changed_cb);
}

static void
calbook_cancel_dialog_init (CalbookCancelDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  calbook_input_fix_button_names (GTK_WIDGET (self));
}

CalbookCancelDialog *
calbook_cancel_dialog_new (GtkWindow      *parent,
                           CalbookBooking *booking,
                           gboolean        reason_required)
{
  CalbookCancelDialog *self;
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  self = g_object_new (CALBOOK_TYPE_CANCEL_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->reason_required = !!reason_required;

  what = calbook_booking_text_describe (booking);
  /* Translators: %s is a booking, e.g. "Ann Smith, Tue 3 Dec 10:00–10:30" */
  body = g_strdup_printf (_("%s is cancelled, and Cal.com tells the attendees. "
                            "This can't be undone."), what);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row),
                                 reason_required ? _("Reason") : _("Reason (optional)"));
  gtk_widget_set_visible (self->reason_hint, reason_required);
  gtk_widget_set_visible (self->series_list,
                          calbook_booking_get_recurring_booking_uid (booking) != NULL);
  on_reason_changed_cb (self);

  return self;
}

char *
calbook_cancel_dialog_dup_reason (CalbookCancelDialog *self)
{
  g_return_val_if_fail (CALBOOK_IS_CANCEL_DIALOG (self), NULL);

  return calbook_input_dup_text (GTK_EDITABLE (self->reason_row));
}

gboolean
calbook_cancel_dialog_get_cancel_following (CalbookCancelDialog *self)
{
  g_return_val_if_fail (CALBOOK_IS_CANCEL_DIALOG (self), FALSE);

  return gtk_widget_get_visible (self->series_list) &&
         gtk_check_button_get_active (self->following_check);
}
