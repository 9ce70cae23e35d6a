/* calbook-notification.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-notification.h"

G_DEFINE_BOXED_TYPE (CalbookNotification, calbook_notification,
                     calbook_notification_copy, calbook_notification_free)

/* Public API */

/**
 * calbook_notification_new:
 * @id: a stable id; a later notification with the same id replaces this one
 * @title: plain text (never markup)
 * @body: (nullable): plain text (never markup)
 * @booking_uid: (nullable): the booking the notification is about
 *
 * Returns: (transfer full): a new notification without actions and with
 *   normal priority
 */
CalbookNotification *
calbook_notification_new (const char *id,
                          const char *title,
                          const char *body,
                          const char *booking_uid)
{
  CalbookNotification *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_new0 (CalbookNotification, 1);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->body = g_strdup (body ? body : "");
  self->booking_uid = g_strdup (booking_uid);
  self->action_labels = g_ptr_array_new_with_free_func (g_free);
  self->action_names = g_ptr_array_new_with_free_func (g_free);
  self->priority = CALBOOK_NOTIFICATION_PRIORITY_NORMAL;

  return self;
}

/**
 * calbook_notification_add_action:
 * @label: the translated button label
 * @action_name: a detailed-less application action such as "app.confirm-booking";
 *   the GUI passes the booking uid as its string target
 *
 * Adds a button to the notification.
 */
void
calbook_notification_add_action (CalbookNotification *self,
                                 const char          *label,
                                 const char          *action_name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (action_name != NULL);

  g_ptr_array_add (self->action_labels, g_strdup (label));
  g_ptr_array_add (self->action_names, g_strdup (action_name));
}

/**
 * calbook_notification_copy:
 *
 * Returns: (transfer full): a deep copy of @self
 */
CalbookNotification *
calbook_notification_copy (const CalbookNotification *self)
{
  CalbookNotification *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = calbook_notification_new (self->id, self->title, self->body, self->booking_uid);
  copy->priority = self->priority;

  for (guint i = 0; i < self->action_labels->len && i < self->action_names->len; i++)
    calbook_notification_add_action (copy,
                                     g_ptr_array_index (self->action_labels, i),
                                     g_ptr_array_index (self->action_names, i));

  return copy;
}

void
calbook_notification_free (CalbookNotification *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->title);
  g_free (self->body);
  g_free (self->booking_uid);
  g_clear_pointer (&self->action_labels, g_ptr_array_unref);
  g_clear_pointer (&self->action_names, g_ptr_array_unref);
  g_free (self);
}
