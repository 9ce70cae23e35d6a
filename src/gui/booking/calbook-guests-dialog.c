/* calbook-guests-dialog.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-guests-dialog.h"
#include "calbook-input.h"

/*
 * Guests to add, as typed: each address checked, none twice and none
 * already on the booking, at most what Cal.com takes in one request.
 */

#define MAX_GUESTS_PER_REQUEST 10
#define MAX_GUESTS_PER_BOOKING 30

struct _CalbookGuestsDialog
{
  AdwMessageDialog  parent_instance;

  CalbookBooking   *booking;

  AdwEntryRow      *emails_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (CalbookGuestsDialog, calbook_guests_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
on_booking (CalbookGuestsDialog *self,
            const char          *email)
{
  GPtrArray *guests = calbook_booking_get_guests (self->booking);
  GPtrArray *attendees = calbook_booking_get_attendees (self->booking);

  for (guint i = 0; i < guests->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (guests, i), email) == 0)
      return TRUE;

  for (guint i = 0; i < attendees->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (attendees, i);

      if (person->email != NULL && g_ascii_strcasecmp (person->email, email) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Returns (transfer full) the problem with what is typed, or NULL */
static char *
check_emails (CalbookGuestsDialog *self,
              GStrv                emails)
{
  guint n = g_strv_length (emails);

  if (n == 0)
    return g_strdup ("");

  if (n > MAX_GUESTS_PER_REQUEST)
    return g_strdup_printf (_("At most %u guests at a time"), MAX_GUESTS_PER_REQUEST);

  if (n + calbook_booking_get_guests (self->booking)->len > MAX_GUESTS_PER_BOOKING)
    return g_strdup_printf (_("A booking can have at most %u guests"), MAX_GUESTS_PER_BOOKING);

  for (guint i = 0; i < n; i++)
    {
      if (!calbook_input_is_email (emails[i]))
        /* Translators: %s is what was typed */
        return g_strdup_printf (_("“%s” is not an e-mail address"), emails[i]);

      if (on_booking (self, emails[i]))
        return g_strdup_printf (_("%s is already on this booking"), emails[i]);

      for (guint j = 0; j < i; j++)
        if (g_ascii_strcasecmp (emails[i], emails[j]) == 0)
          return g_strdup_printf (_("%s is there twice"), emails[i]);
    }

  return NULL;
}

static void
on_emails_changed_cb (CalbookGuestsDialog *self)
{
  g_auto(GStrv) emails = NULL;
  g_autofree char *problem = NULL;

  emails = calbook_input_split_emails (gtk_editable_get_text (GTK_EDITABLE (self->emails_row)));
  problem = check_emails (self, emails);

  gtk_label_set_text (self->error_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), problem != NULL && *problem != '\0');
  calbook_input_set_error (GTK_WIDGET (self->emails_row), problem != NULL && *problem != '\0');
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", problem == NULL);
}

static void
calbook_guests_dialog_dispose (GObject *object)
{
  CalbookGuestsDialog *self = (CalbookGuestsDialog *)object;

  g_clear_object (&self->booking);

  G_OBJECT_CLASS (calbook_guests_dialog_parent_class)->dispose (object);
}

static void
calbook_guests_dialog_class_init (CalbookGuestsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_guests_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-guests-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookGuestsDialog, emails_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookGuestsDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_emails_changed_cb);
}

static void
calbook_guests_dialog_init (CalbookGuestsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  calbook_input_fix_button_names (GTK_WIDGET (self));
}

CalbookGuestsDialog *
calbook_guests_dialog_new (GtkWindow      *parent,
                           CalbookBooking *booking)
{
  CalbookGuestsDialog *self;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  self = g_object_new (CALBOOK_TYPE_GUESTS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->booking = g_object_ref (booking);
  on_emails_changed_cb (self);

  return self;
}

GPtrArray *
calbook_guests_dialog_get_guests (CalbookGuestsDialog *self)
{
  g_auto(GStrv) emails = NULL;
  g_autofree char *problem = NULL;
  GPtrArray *guests;

  g_return_val_if_fail (CALBOOK_IS_GUESTS_DIALOG (self), NULL);

  guests = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_person_unref);
  emails = calbook_input_split_emails (gtk_editable_get_text (GTK_EDITABLE (self->emails_row)));
  problem = check_emails (self, emails);
  if (problem != NULL)
    return guests;

  for (guint i = 0; emails[i] != NULL; i++)
    g_ptr_array_add (guests, calbook_person_new ("", emails[i]));

  return guests;
}
