/* calbook-notifier.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "calbook-booking.h"
#include "calbook-change.h"
#include "calbook-notification.h"
#include "calbook-store.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_NOTIFIER (calbook_notifier_get_type ())

G_DECLARE_FINAL_TYPE (CalbookNotifier, calbook_notifier, CALBOOK, NOTIFIER, GObject)

/*
 * Turns what the sync saw change (CalbookChange) into desktop notification
 * texts and actions (CalbookNotification), and works out booking reminders.
 * It sends nothing: the GUI does, with GNotification.
 *
 * Properties: "user-id" (gint64), "email" and "name" of the signed-in user,
 * and "time-zone" (GTimeZone, NULL = the local zone) used to write times
 * such as "Tue 3 Dec at 10:00", "today at 10:00" or "tomorrow at 10:00".
 *
 * Which changes are told:
 *  - by the user (from this app or elsewhere): none; the window says what
 *    was done with a toast, and the user knows what they did elsewhere;
 *  - by someone else, on the user's own bookings (host, or attendee by
 *    e-mail): every kind, naming who did it by name (from the members, the
 *    booking's people or the user's other bookings), else by e-mail;
 *    bookings that are not the user's are not told, so an admin is not
 *    flooded with the whole organization's changes;
 *  - new requests that wait for the user's confirmation get HIGH priority
 *    and "app.confirm-booking" / "app.decline-booking" buttons;
 *  - the changes of one recurring series in one batch
 *    (calbook_notifier_notify_changes) are one notification.
 *
 * Every text is plain text made from Cal.com's strings verbatim: NEVER use
 * a title or body as Pango or notification-daemon markup without escaping it
 * (g_markup_escape_text) first.
 */

/* Returns the display name of the person with @email, or NULL if unknown */
typedef char *(*CalbookNotifierNameFunc) (const char *email,
                                          gpointer    user_data);

CalbookNotifier     *calbook_notifier_new               (gint64           user_id,
                                                         const char      *email,
                                                         const char      *name);
gint64               calbook_notifier_get_user_id       (CalbookNotifier *self);
const char          *calbook_notifier_get_email         (CalbookNotifier *self);
const char          *calbook_notifier_get_name          (CalbookNotifier *self);
GTimeZone           *calbook_notifier_get_time_zone     (CalbookNotifier *self);
void                 calbook_notifier_set_time_zone     (CalbookNotifier *self,
                                                         GTimeZone       *time_zone);

/* Who is who: organization members (CalbookPerson with name and email),
 * and/or a function asked for e-mails the members don't cover */
void                 calbook_notifier_set_members       (CalbookNotifier *self,
                                                         GPtrArray       *members);
/* The user's store: people met on other bookings are named from it */
void                 calbook_notifier_set_store         (CalbookNotifier *self,
                                                         CalbookStore    *store);
void                 calbook_notifier_set_name_func     (CalbookNotifier *self,
                                                         CalbookNotifierNameFunc func,
                                                         gpointer         user_data,
                                                         GDestroyNotify   destroy);

/* (transfer full) (nullable): NULL when the change is not worth telling */
CalbookNotification *calbook_notifier_notify_change     (CalbookNotifier *self,
                                                         const CalbookChange *change);
/* (transfer full) (element-type CalbookNotification): in the order of @changes */
GPtrArray           *calbook_notifier_notify_changes    (CalbookNotifier *self,
                                                         GPtrArray       *changes);

/*
 * Reminders: for the user's confirmed bookings in @bookings that start
 * after @now and no more than @minutes later, one notification each
 * ("Join" button when the location or meeting URL is an http(s) URL).
 * Each booking is reminded once per start time: the notifier remembers
 * what it gave (a booking moved to a new time is reminded again).
 * @minutes = 0 turns reminders off.
 */
GPtrArray           *calbook_notifier_collect_reminders (CalbookNotifier *self,
                                                         GPtrArray       *bookings,
                                                         gint64           now,
                                                         guint            minutes);

/* The same, over the confirmed bookings in @store that start within
 * @minutes of @now; NULL with @error set when the store fails */
GPtrArray           *calbook_notifier_collect_reminders_from_store (CalbookNotifier *self,
                                                         CalbookStore    *store,
                                                         gint64           now,
                                                         guint            minutes,
                                                         GError         **error);

/* "Tue 3 Dec at 10:00" in the notifier's time zone */
char                *calbook_notifier_format_time       (CalbookNotifier *self,
                                                         gint64           utc);

/* Whether @booking is the user's (a host, or an attendee by e-mail) */
gboolean             calbook_notifier_is_own_booking    (CalbookNotifier *self,
                                                         CalbookBooking  *booking);

G_END_DECLS
