/* calbook-notification.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CALBOOK_NOTIFICATION_PRIORITY_NORMAL,
  CALBOOK_NOTIFICATION_PRIORITY_HIGH,
} CalbookNotificationPriority;

#define CALBOOK_TYPE_NOTIFICATION (calbook_notification_get_type ())

/**
 * CalbookNotification:
 * @id: stable id, so a newer text replaces an older one about the same booking
 * @title: plain text, never markup
 * @body: plain text, never markup (the GUI escapes it: some daemons render markup),
 *   at most 1000 characters (a longer one is cut, with an ellipsis)
 * @booking_uid: (nullable): the booking it is about (the default action opens it)
 * @action_labels: (element-type utf8): button labels, translated
 * @action_names: (element-type utf8): app action names for the buttons, e.g.
 *   "app.confirm-booking", "app.decline-booking", "app.join-booking"; each takes
 *   @booking_uid as its string target
 * @priority: high for requests that need an answer
 *
 * A desktop notification worked out by the core; sending it is the GUI's job.
 */
typedef struct
{
  char                        *id;
  char                        *title;
  char                        *body;
  char                        *booking_uid;
  GPtrArray                   *action_labels;
  GPtrArray                   *action_names;
  CalbookNotificationPriority  priority;
} CalbookNotification;

GType                calbook_notification_get_type   (void) G_GNUC_CONST;
CalbookNotification *calbook_notification_new        (const char                *id,
                                                      const char                *title,
                                                      const char                *body,
                                                      const char                *booking_uid);
void                 calbook_notification_add_action (CalbookNotification       *self,
                                                      const char                *label,
                                                      const char                *action_name);
CalbookNotification *calbook_notification_copy       (const CalbookNotification *self);
/* The body as the notification spec's body markup: escaped (&#39;, never
 * &apos;), without control characters or bidi overrides; NULL without body */
char                *calbook_notification_dup_body_markup (const CalbookNotification *self);
void                 calbook_notification_free       (CalbookNotification       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookNotification, calbook_notification_free)

G_END_DECLS
