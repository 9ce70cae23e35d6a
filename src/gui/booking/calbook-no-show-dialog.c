/* calbook-no-show-dialog.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-input.h"
#include "calbook-mutation.h"
#include "calbook-no-show-dialog.h"

/*
 * After a booking started: who did not come. One check per attendee and
 * one for the host, set to what Cal.com has now; only what changed is
 * sent, and the reverse of it undoes it.
 */

struct _CalbookNoShowDialog
{
  AdwMessageDialog  parent_instance;

  CalbookBooking   *booking;
  GtkCheckButton   *host_check;
  /* One per attendee, in the booking's order */
  GPtrArray        *attendee_checks;

  GtkListBox       *people_list;
};

G_DEFINE_FINAL_TYPE (CalbookNoShowDialog, calbook_no_show_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
host_changed (CalbookNoShowDialog *self)
{
  return gtk_check_button_get_active (self->host_check) !=
         calbook_booking_get_absent_host (self->booking);
}

static gboolean
attendee_changed (CalbookNoShowDialog *self,
                  guint                i)
{
  const CalbookPerson *person = g_ptr_array_index (calbook_booking_get_attendees (self->booking), i);

  return gtk_check_button_get_active (g_ptr_array_index (self->attendee_checks, i)) != person->absent;
}

static void
update_response (CalbookNoShowDialog *self)
{
  gboolean changed = host_changed (self);

  for (guint i = 0; i < self->attendee_checks->len; i++)
    changed = changed || attendee_changed (self, i);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "mark", changed);
}

static GtkCheckButton *
add_person_row (CalbookNoShowDialog *self,
                const char          *name,
                const char          *role,
                gboolean             absent)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), role);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), absent);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (update_response), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->people_list, row);

  return GTK_CHECK_BUTTON (check);
}

static GPtrArray *
collect_attendees (CalbookNoShowDialog *self,
                   gboolean             reverse)
{
  GPtrArray *attendees = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_person_unref);
  GPtrArray *people = calbook_booking_get_attendees (self->booking);

  for (guint i = 0; i < people->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (people, i);
      CalbookPerson *mark;

      if (!attendee_changed (self, i))
        continue;

      mark = calbook_person_new (person->name, person->email);
      mark->absent = reverse ? person->absent
                             : gtk_check_button_get_active (g_ptr_array_index (self->attendee_checks, i));
      g_ptr_array_add (attendees, mark);
    }

  return attendees;
}

static JsonObject *
build_body (CalbookNoShowDialog *self,
            gboolean             reverse)
{
  g_autoptr(GPtrArray) attendees = collect_attendees (self, reverse);
  CalbookAbsence host = CALBOOK_ABSENCE_UNCHANGED;

  if (host_changed (self))
    {
      gboolean absent = reverse ? calbook_booking_get_absent_host (self->booking)
                                : gtk_check_button_get_active (self->host_check);

      host = absent ? CALBOOK_ABSENCE_ABSENT : CALBOOK_ABSENCE_PRESENT;
    }

  return calbook_mutation_build_mark_absent_body (host, attendees);
}

static void
calbook_no_show_dialog_dispose (GObject *object)
{
  CalbookNoShowDialog *self = (CalbookNoShowDialog *)object;

  g_clear_object (&self->booking);
  g_clear_pointer (&self->attendee_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (calbook_no_show_dialog_parent_class)->dispose (object);
}

static void
calbook_no_show_dialog_class_init (CalbookNoShowDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_no_show_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-no-show-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookNoShowDialog, people_list);
}

static void
calbook_no_show_dialog_init (CalbookNoShowDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  calbook_input_fix_button_names (GTK_WIDGET (self));
  self->attendee_checks = g_ptr_array_new ();
}

CalbookNoShowDialog *
calbook_no_show_dialog_new (GtkWindow      *parent,
                            CalbookBooking *booking)
{
  CalbookNoShowDialog *self;
  GPtrArray *people;
  GPtrArray *hosts;
  const char *host_name;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  self = g_object_new (CALBOOK_TYPE_NO_SHOW_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->booking = g_object_ref (booking);

  people = calbook_booking_get_attendees (booking);
  for (guint i = 0; i < people->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (people, i);
      const char *name = calbook_person_get_label (person);

      g_ptr_array_add (self->attendee_checks,
                       add_person_row (self, name != NULL && *name != '\0' ? name : _("Unnamed"),
                                       _("Attendee"), person->absent));
    }
  /* The host by name where Cal.com gives one */
  hosts = calbook_booking_get_hosts (booking);
  host_name = hosts->len > 0 ? calbook_person_get_label (g_ptr_array_index (hosts, 0)) : NULL;
  self->host_check = add_person_row (self, host_name != NULL && *host_name != '\0' ? host_name
                                                                               : _("The host"),
                                     _("Host"), calbook_booking_get_absent_host (booking));
  update_response (self);

  return self;
}

JsonObject *
calbook_no_show_dialog_build_body (CalbookNoShowDialog *self)
{
  g_return_val_if_fail (CALBOOK_IS_NO_SHOW_DIALOG (self), NULL);

  return build_body (self, FALSE);
}

JsonObject *
calbook_no_show_dialog_build_reverse_body (CalbookNoShowDialog *self)
{
  g_return_val_if_fail (CALBOOK_IS_NO_SHOW_DIALOG (self), NULL);

  return build_body (self, TRUE);
}

char *
calbook_no_show_dialog_describe (CalbookNoShowDialog *self)
{
  GPtrArray *people;
  guint n_absent = 0;
  const char *first = NULL;

  g_return_val_if_fail (CALBOOK_IS_NO_SHOW_DIALOG (self), NULL);

  people = calbook_booking_get_attendees (self->booking);
  for (guint i = 0; i < people->len; i++)
    if (attendee_changed (self, i) &&
        gtk_check_button_get_active (g_ptr_array_index (self->attendee_checks, i)))
      {
        if (first == NULL)
          first = calbook_person_get_label (g_ptr_array_index (people, i));
        n_absent++;
      }

  if (n_absent == 1 && first != NULL && *first != '\0')
    /* Translators: %s is an attendee's name */
    return g_strdup_printf (_("%s marked as no-show"), first);
  if (n_absent > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attendee marked as no-show",
                                         "%u attendees marked as no-show", n_absent), n_absent);
  if (host_changed (self) && gtk_check_button_get_active (self->host_check))
    return g_strdup (_("Host marked as no-show"));

  return g_strdup (_("Attendance updated"));
}
