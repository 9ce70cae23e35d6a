/* calbook-notification.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-notification.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (CalbookNotification, calbook_notification,
                     calbook_notification_copy, calbook_notification_free)

/* Public API */

/* A notification is read at a glance; a 1 MB title from Cal.com would
 * only choke the daemon */
#define BODY_MAX_CHARS 1000

static char *
shorten (const char *text)
{
  g_autofree char *start = NULL;

  if (strlen (text) <= BODY_MAX_CHARS || g_utf8_strlen (text, -1) <= BODY_MAX_CHARS)
    return g_strdup (text);

  start = g_strndup (text, g_utf8_offset_to_pointer (text, BODY_MAX_CHARS) - text);

  return g_strconcat (start, "…", NULL);
}

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
  self->body = shorten (body ? body : "");
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

/* Explicit bidi embeddings, overrides and isolates: one in a name would turn
 * the rest of the sentence around it */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * calbook_notification_dup_body_markup:
 * @self: a notification
 *
 * Notification daemons (dunst, GNOME Shell) read the body as a small
 * markup language, and the body carries names and titles from Cal.com. Its
 * text is escaped with numeric references where XML and HTML disagree
 * (&#39; — some daemons do not know &apos;); control characters other than
 * newline and tab, and bidi controls, are left out.
 *
 * Returns: (transfer full) (nullable): the body as markup
 */
char *
calbook_notification_dup_body_markup (const CalbookNotification *self)
{
  g_autofree char *valid = NULL;
  GString *markup;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->body == NULL)
    return NULL;

  /* Never trust a byte: not UTF-8 becomes U+FFFD */
  valid = g_utf8_make_valid (self->body, -1);
  markup = g_string_sized_new (strlen (valid) + 16);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&': g_string_append (markup, "&amp;"); break;
        case '<': g_string_append (markup, "&lt;"); break;
        case '>': g_string_append (markup, "&gt;"); break;
        case '"': g_string_append (markup, "&quot;"); break;
        case '\'': g_string_append (markup, "&#39;"); break;
        case '\n':
        case '\t':
          g_string_append_unichar (markup, c);
          break;
        default:
          if (g_unichar_iscntrl (c) || is_bidi_control (c))
            break;
          g_string_append_unichar (markup, c);
        }
    }

  return g_string_free (markup, FALSE);
}
