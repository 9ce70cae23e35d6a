/* calbook-notifier.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-notifier"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "calbook-booking-title.h"
#include "calbook-notifier.h"
#include "calbook-person.h"

struct _CalbookNotifier
{
  GObject                  parent_instance;

  gint64                   user_id;
  char                    *email;
  char                    *name;
  GTimeZone               *time_zone;

  /* lower-case e-mail → member name */
  GHashTable              *member_names;
  CalbookNotifierNameFunc  name_func;
  gpointer                 name_func_data;
  GDestroyNotify           name_func_destroy;

  /* Where else the user met people (bookings they shared), or NULL */
  CalbookStore            *store;

  /* "series uid|change kind" the user made (Cal.com applies an answer to
   * every pending occurrence, whose changes may come in later syncs) */
  GHashTable              *own_series;

  /* "uid@start" → start: reminders already given */
  GHashTable              *reminded;
};

G_DEFINE_FINAL_TYPE (CalbookNotifier, calbook_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER_ID,
  PROP_EMAIL,
  PROP_NAME,
  PROP_TIME_ZONE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static gboolean
same_email (const char *a,
            const char *b)
{
  if (a == NULL || b == NULL || a[0] == '\0' || b[0] == '\0')
    return FALSE;

  /* E-mail addresses are compared without case, as Cal.com does */
  return g_ascii_strcasecmp (a, b) == 0;
}

static GDateTime *
to_local (CalbookNotifier *self,
          gint64           utc)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (utc);

  g_assert (CALBOOK_IS_NOTIFIER (self));

  if (time == NULL)
    return NULL;
  if (self->time_zone == NULL)
    return g_date_time_to_local (time);
  return g_date_time_to_timezone (time, self->time_zone);
}

static char *
format_with (CalbookNotifier *self,
             gint64           utc,
             const char      *format)
{
  g_autoptr(GDateTime) time = to_local (self, utc);
  char *text = NULL;

  g_assert (format != NULL);

  if (time != NULL)
    text = g_date_time_format (time, format);

  /* A translation with a broken format must not lose the notification */
  return text ? text : g_strdup ("?");
}

/* 0 for today, 1 for tomorrow, -1 for another day, in the notifier's zone */
static int
days_from_today (CalbookNotifier *self,
                 gint64           utc)
{
  g_autoptr(GDateTime) when = to_local (self, utc);
  g_autoptr(GDateTime) now = to_local (self, g_get_real_time () / G_USEC_PER_SEC);
  g_autoptr(GDateTime) tomorrow = NULL;

  if (when == NULL || now == NULL)
    return -1;

  tomorrow = g_date_time_add_days (now, 1);
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return 0;
  if (g_date_time_get_year (when) == g_date_time_get_year (tomorrow) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (tomorrow))
    return 1;

  return -1;
}

/* "today", "tomorrow" or "on Tue 3 Dec" */
static char *
format_date (CalbookNotifier *self,
             gint64           utc)
{
  switch (days_from_today (self, utc))
    {
    case 0:
      return g_strdup (C_("notification date", "today"));
    case 1:
      return g_strdup (C_("notification date", "tomorrow"));
    default:
      /* Translators: a day in notification texts, "on Tue 3 Dec"; see g_date_time_format() */
      return format_with (self, utc, C_("notification date", "on %a %-d %b"));
    }
}

/* "today at 10:00", "tomorrow at 10:00" or "on Tue 3 Dec at 10:00" */
static char *
format_on (CalbookNotifier *self,
           gint64           utc)
{
  g_autofree char *time = calbook_notifier_format_time (self, utc);

  if (days_from_today (self, utc) >= 0)
    return g_steal_pointer (&time);

  /* Translators: a day and time after a verb, "on Tue 3 Dec at 10:00" */
  return g_strdup_printf (C_("notification date and time", "on %s"), time);
}

static char *
format_clock (CalbookNotifier *self,
              gint64           utc)
{
  /* Translators: a time of day in notification texts, "10:00"; see g_date_time_format() */
  return format_with (self, utc, C_("notification time", "%H:%M"));
}

static gboolean
is_http_url (const char *text)
{
  g_autofree char *scheme = NULL;

  if (text == NULL)
    return FALSE;

  scheme = g_uri_parse_scheme (text);
  if (scheme == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return FALSE;

  /* Needs a host: "https:" alone is not somewhere to join */
  return g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL) &&
         strncmp (text + strlen (scheme), "://", 3) == 0 &&
         text[strlen (scheme) + 3] != '\0';
}

static gboolean
has_join_url (CalbookBooking *booking)
{
  return is_http_url (calbook_booking_get_location (booking)) ||
         is_http_url (calbook_booking_get_meeting_url (booking));
}

static const char *
non_empty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

/* The other side of the meeting, as the user sees it: the attendees, or
 * the other hosts when the user is the attendee */
static char *
describe_counterpart (CalbookNotifier *self,
                      CalbookBooking  *booking)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  GPtrArray *attendees = calbook_booking_get_attendees (booking);
  GPtrArray *hosts = calbook_booking_get_hosts (booking);
  const char *first;
  guint others;

  for (guint i = 0; i < attendees->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (attendees, i);

      if (!same_email (person->email, self->email) &&
          calbook_person_get_label (person)[0] != '\0')
        g_ptr_array_add (people, (gpointer) person);
    }

  if (people->len == 0)
    {
      for (guint i = 0; i < hosts->len; i++)
        {
          const CalbookPerson *person = g_ptr_array_index (hosts, i);

          if ((self->user_id == 0 || person->user_id != self->user_id) &&
              !same_email (person->email, self->email) &&
              calbook_person_get_label (person)[0] != '\0')
            g_ptr_array_add (people, (gpointer) person);
        }
    }

  if (people->len == 0)
    {
      const char *title = non_empty (calbook_booking_get_title (booking));

      /* Translators: stands for the other side when a booking has nobody else,
       * e.g. "Meeting with “Team sync” on Tue 3 Dec at 10:00" */
      return title ? g_strdup_printf (_("“%s”"), title) : g_strdup (_("nobody else"));
    }

  first = calbook_person_get_label (g_ptr_array_index (people, 0));
  others = people->len - 1;
  if (others == 0)
    return g_strdup (first);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: "Max Müller and 1 other" */
                                       "%s and %u other", "%s and %u others", others),
                          first, others);
}

/* The name a host or attendee of @booking with @email goes by, or NULL */
static char *
find_name_on_booking (CalbookBooking *booking,
                      const char     *email)
{
  GPtrArray *people[2] = { calbook_booking_get_hosts (booking), calbook_booking_get_attendees (booking) };

  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    {
      for (guint i = 0; i < people[p]->len; i++)
        {
          const CalbookPerson *person = g_ptr_array_index (people[p], i);

          if (same_email (person->email, email) && non_empty (person->name))
            return g_strdup (person->name);
        }
    }

  return NULL;
}

/* Someone the user met on another booking (a colleague at a team meeting,
 * an admin who booked time with them): members cannot list the
 * organization, but their own bookings name the people in them */
static char *
find_name_in_store (CalbookNotifier *self,
                    const char      *email)
{
  g_autoptr(CalbookBookingFilter) filter = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return NULL;

  filter = calbook_booking_filter_new ();
  calbook_booking_filter_set_text (filter, email);
  bookings = calbook_store_query_bookings (self->store, filter, 0, 20, &error);
  if (bookings == NULL)
    {
      g_debug ("Could not look for a name in the store: %s", error->message);
      return NULL;
    }

  for (guint i = 0; i < bookings->len; i++)
    {
      char *name = find_name_on_booking (g_ptr_array_index (bookings, i), email);

      if (name != NULL)
        return name;
    }

  return NULL;
}

static char *
lookup_name (CalbookNotifier *self,
             CalbookBooking  *booking,
             const char      *email)
{
  g_autofree char *key = NULL;
  char *found = NULL;
  const char *name;

  g_assert (email != NULL);

  key = g_ascii_strdown (email, -1);
  name = self->member_names ? g_hash_table_lookup (self->member_names, key) : NULL;
  if (non_empty (name))
    return g_strdup (name);

  if (self->name_func != NULL)
    {
      found = self->name_func (email, self->name_func_data);
      if (non_empty (found))
        return found;
      g_clear_pointer (&found, g_free);
    }

  /* The attendee may have cancelled themselves: they are on the booking */
  if ((found = find_name_on_booking (booking, email)) != NULL)
    return found;
  if ((found = find_name_in_store (self, email)) != NULL)
    return found;

  return g_strdup (email);
}

static gboolean
is_attendee (CalbookBooking *booking,
             const char     *email)
{
  GPtrArray *attendees = calbook_booking_get_attendees (booking);

  for (guint i = 0; i < attendees->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (attendees, i);

      if (same_email (person->email, email))
        return TRUE;
    }

  return FALSE;
}

/* NULL when Cal.com did not say who did it */
static char *
describe_actor (CalbookNotifier     *self,
                const CalbookChange *change)
{
  if (non_empty (change->actor_email) == NULL)
    return NULL;

  return lookup_name (self, change->booking, change->actor_email);
}

static gboolean
is_by_self (CalbookNotifier     *self,
            const CalbookChange *change)
{
  return change->by_self || same_email (change->actor_email, self->email);
}

static char *
append_reason (char       *body,
               const char *reason)
{
  char *with_reason;

  if (non_empty (reason) == NULL)
    return body;

  /* Translators: a notification text followed by the reason someone gave */
  with_reason = g_strdup_printf (_("%1$s: %2$s"), body, reason);
  g_free (body);
  return with_reason;
}

static void
add_request_actions (CalbookNotification *notification)
{
  calbook_notification_add_action (notification, _("Confirm"), "app.confirm-booking");
  calbook_notification_add_action (notification, _("Decline"), "app.decline-booking");
  notification->priority = CALBOOK_NOTIFICATION_PRIORITY_HIGH;
}

static gboolean
waits_for_user (CalbookNotifier *self,
                CalbookBooking  *booking)
{
  return calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_PENDING &&
         self->user_id != 0 && calbook_booking_has_host (booking, self->user_id);
}

static CalbookNotification *
make_notification (const char     *title,
                   char           *body,
                   CalbookBooking *booking)
{
  g_autofree char *id = NULL;
  g_autofree char *owned_body = body;
  const char *uid = calbook_booking_get_uid (booking);

  /* One id per booking: a newer text about it replaces the older one */
  id = g_strdup_printf ("booking-%s", uid ? uid : "");
  return calbook_notification_new (id, title, owned_body, uid);
}

static gboolean
gained_absence (CalbookBooking *booking,
                CalbookBooking *previous)
{
  GPtrArray *now_attendees = calbook_booking_get_attendees (booking);

  if (previous == NULL)
    return TRUE;

  if (calbook_booking_get_absent_host (booking) && !calbook_booking_get_absent_host (previous))
    return TRUE;

  for (guint i = 0; i < now_attendees->len; i++)
    {
      const CalbookPerson *attendee = g_ptr_array_index (now_attendees, i);
      GPtrArray *before = calbook_booking_get_attendees (previous);
      gboolean was_absent = FALSE;

      if (!attendee->absent)
        continue;

      for (guint j = 0; j < before->len; j++)
        {
          const CalbookPerson *old = g_ptr_array_index (before, j);

          if (same_email (old->email, attendee->email) ||
              g_strcmp0 (old->name, attendee->name) == 0)
            was_absent = was_absent || old->absent;
        }

      if (!was_absent)
        return TRUE;
    }

  return FALSE;
}

static gboolean
guests_changed (CalbookBooking *booking,
                CalbookBooking *previous)
{
  GPtrArray *now_guests = calbook_booking_get_guests (booking);
  GPtrArray *old_guests = calbook_booking_get_guests (previous);

  if (now_guests->len != old_guests->len ||
      calbook_booking_get_attendees (booking)->len != calbook_booking_get_attendees (previous)->len)
    return TRUE;

  for (guint i = 0; i < now_guests->len; i++)
    if (g_strcmp0 (g_ptr_array_index (now_guests, i), g_ptr_array_index (old_guests, i)) != 0)
      return TRUE;

  return FALSE;
}

static CalbookNotification *
notify_others_change (CalbookNotifier     *self,
                      const CalbookChange *change)
{
  CalbookBooking *booking = change->booking;
  gint64 start = calbook_booking_get_start (booking);
  g_autofree char *actor = describe_actor (self, change);
  g_autofree char *who = describe_counterpart (self, booking);
  g_autofree char *when = format_on (self, start);
  g_autofree char *to_when = calbook_notifier_format_time (self, start);
  CalbookNotification *notification = NULL;
  char *body;

  switch (change->kind)
    {
    case CALBOOK_CHANGE_CREATED:
      if (waits_for_user (self, booking))
        {
          g_autofree char *title = calbook_booking_title_dup_event_name (booking);

          if (title != NULL)
            /* Translators: "Max Müller asks for “Intro call” on Tue 3 Dec at 10:00" */
            body = g_strdup_printf (_("%1$s asks for “%2$s” %3$s"), who, title, when);
          else
            body = g_strdup_printf (_("%1$s asks to meet %2$s"), who, when);

          notification = make_notification (_("New booking request"), body, booking);
          add_request_actions (notification);
          return notification;
        }

      /* Someone other than the attendee (an admin, a colleague) booked it */
      if (actor != NULL && !is_attendee (booking, change->actor_email))
        body = g_strdup_printf (_("%1$s booked a meeting with %2$s for you %3$s"),
                                actor, who, when);
      else
        body = g_strdup_printf (_("Meeting with %1$s %2$s is booked"), who, when);
      return make_notification (_("New booking"), body, booking);

    case CALBOOK_CHANGE_RESCHEDULED:
      if (actor != NULL)
        /* Translators: "Ana Admin moved your booking with Max Müller to Wed 4 Dec at 14:00" */
        body = g_strdup_printf (_("%1$s moved your booking with %2$s to %3$s"), actor, who, to_when);
      else
        body = g_strdup_printf (_("Your booking with %1$s was moved to %2$s"), who, to_when);
      body = append_reason (body, calbook_booking_get_rescheduling_reason (booking));
      notification = make_notification (_("Booking moved"), body, booking);
      /* Moving a booking that needs confirmation asks the host again */
      if (waits_for_user (self, booking))
        add_request_actions (notification);
      return notification;

    case CALBOOK_CHANGE_CANCELLED:
      {
        g_autofree char *clock = format_clock (self, start);
        g_autofree char *date = format_date (self, start);

        if (actor != NULL)
          /* Translators: "Ana Admin cancelled your 10:00 booking with Max Müller on Tue 3 Dec" */
          body = g_strdup_printf (_("%1$s cancelled your %2$s booking with %3$s %4$s"),
                                  actor, clock, who, date);
        else
          body = g_strdup_printf (_("Your %1$s booking with %2$s %3$s was cancelled"),
                                  clock, who, date);
        body = append_reason (body, calbook_booking_get_cancellation_reason (booking));
        return make_notification (_("Booking cancelled"), body, booking);
      }

    case CALBOOK_CHANGE_CONFIRMED:
      if (actor != NULL)
        body = g_strdup_printf (_("%1$s confirmed your booking with %2$s %3$s"),
                                actor, who, when);
      else
        body = g_strdup_printf (_("Your booking with %1$s %2$s was confirmed"), who, when);
      return make_notification (_("Booking confirmed"), body, booking);

    case CALBOOK_CHANGE_DECLINED:
      if (actor != NULL)
        body = g_strdup_printf (_("%1$s declined your booking with %2$s %3$s"),
                                actor, who, when);
      else
        body = g_strdup_printf (_("Your booking with %1$s %2$s was declined"), who, when);
      body = append_reason (body, calbook_booking_get_rejection_reason (booking));
      return make_notification (_("Booking declined"), body, booking);

    case CALBOOK_CHANGE_NO_SHOW:
      /* Taking a no-show mark back is not news */
      if (!gained_absence (booking, change->previous))
        return NULL;
      if (actor != NULL)
        body = g_strdup_printf (_("%1$s marked a no-show on your booking with %2$s %3$s"),
                                actor, who, when);
      else
        body = g_strdup_printf (_("A no-show was marked on your booking with %1$s %2$s"),
                                who, when);
      return make_notification (_("Marked as absent"), body, booking);

    case CALBOOK_CHANGE_UPDATED:
      {
        const char *location = non_empty (calbook_booking_get_location (booking));

        /* Only what changes the meeting for the user; metadata edits are noise */
        if (change->previous == NULL)
          return NULL;

        if (g_strcmp0 (location, non_empty (calbook_booking_get_location (change->previous))) != 0)
          {
            if (location == NULL)
              location = _("no location");
            if (actor != NULL)
              body = g_strdup_printf (_("%1$s changed the location of your booking with %2$s "
                                        "%3$s to %4$s"),
                                      actor, who, when, location);
            else
              body = g_strdup_printf (_("The location of your booking with %1$s %2$s "
                                        "is now %3$s"),
                                      who, when, location);
            return make_notification (_("Booking changed"), body, booking);
          }

        if (guests_changed (booking, change->previous))
          {
            if (actor != NULL)
              body = g_strdup_printf (_("%1$s changed who comes to your booking with %2$s %3$s"),
                                      actor, who, when);
            else
              body = g_strdup_printf (_("The guests of your booking with %1$s %2$s changed"),
                                      who, when);
            return make_notification (_("Booking changed"), body, booking);
          }

        return NULL;
      }

    default:
      return NULL;
    }
}

/* GObject overrides */

static void
calbook_notifier_finalize (GObject *object)
{
  CalbookNotifier *self = (CalbookNotifier *)object;

  if (self->name_func_destroy != NULL)
    self->name_func_destroy (self->name_func_data);

  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->member_names, g_hash_table_unref);
  g_clear_pointer (&self->reminded, g_hash_table_unref);
  g_clear_pointer (&self->own_series, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (calbook_notifier_parent_class)->finalize (object);
}

static void
calbook_notifier_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CalbookNotifier *self = CALBOOK_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TIME_ZONE:
      g_value_set_boxed (value, self->time_zone);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_notifier_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CalbookNotifier *self = CALBOOK_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      self->user_id = g_value_get_int64 (value);
      break;

    case PROP_EMAIL:
      g_free (self->email);
      self->email = g_value_dup_string (value);
      break;

    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;

    case PROP_TIME_ZONE:
      calbook_notifier_set_time_zone (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_notifier_class_init (CalbookNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = calbook_notifier_finalize;
  object_class->get_property = calbook_notifier_get_property;
  object_class->set_property = calbook_notifier_set_property;

  properties[PROP_USER_ID] =
    g_param_spec_int64 ("user-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_TIME_ZONE] =
    g_param_spec_boxed ("time-zone", NULL, NULL, G_TYPE_TIME_ZONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
calbook_notifier_init (CalbookNotifier *self)
{
  self->reminded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->own_series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

/**
 * calbook_notifier_new:
 * @user_id: the signed-in user's Cal.com id
 * @email: (nullable): the signed-in user's e-mail
 * @name: (nullable): the signed-in user's name
 *
 * Returns: (transfer full): a notifier writing times in the local time zone
 */
CalbookNotifier *
calbook_notifier_new (gint64      user_id,
                      const char *email,
                      const char *name)
{
  g_return_val_if_fail (user_id >= 0, NULL);

  return g_object_new (CALBOOK_TYPE_NOTIFIER,
                       "user-id", user_id,
                       "email", email,
                       "name", name,
                       NULL);
}

gint64
calbook_notifier_get_user_id (CalbookNotifier *self)
{
  g_return_val_if_fail (CALBOOK_IS_NOTIFIER (self), 0);
  return self->user_id;
}

const char *
calbook_notifier_get_email (CalbookNotifier *self)
{
  g_return_val_if_fail (CALBOOK_IS_NOTIFIER (self), NULL);
  return self->email;
}

const char *
calbook_notifier_get_name (CalbookNotifier *self)
{
  g_return_val_if_fail (CALBOOK_IS_NOTIFIER (self), NULL);
  return self->name;
}

/**
 * calbook_notifier_get_time_zone:
 *
 * Returns: (transfer none) (nullable): the zone times are written in, or
 *   %NULL for the local zone
 */
GTimeZone *
calbook_notifier_get_time_zone (CalbookNotifier *self)
{
  g_return_val_if_fail (CALBOOK_IS_NOTIFIER (self), NULL);
  return self->time_zone;
}

/**
 * calbook_notifier_set_time_zone:
 * @time_zone: (nullable): the zone to write times in; %NULL for the local zone
 */
void
calbook_notifier_set_time_zone (CalbookNotifier *self,
                                GTimeZone       *time_zone)
{
  g_return_if_fail (CALBOOK_IS_NOTIFIER (self));

  if (self->time_zone == time_zone)
    return;

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  if (time_zone != NULL)
    self->time_zone = g_time_zone_ref (time_zone);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

/**
 * calbook_notifier_set_store:
 * @store: (nullable): the user's store
 *
 * Lets the notifier name people the user met on other bookings (a member's
 * Calbook cannot list the organization, so an admin who changes their
 * booking is named from a booking they shared, else by e-mail).
 */
void
calbook_notifier_set_store (CalbookNotifier *self,
                            CalbookStore    *store)
{
  g_return_if_fail (CALBOOK_IS_NOTIFIER (self));
  g_return_if_fail (store == NULL || CALBOOK_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * calbook_notifier_set_members:
 * @members: (nullable) (element-type CalbookPerson): the organization's members
 *
 * Tells the notifier the names of the people who may act on the user's
 * bookings, so texts say "Ana Admin" rather than "ana@example.com".
 */
void
calbook_notifier_set_members (CalbookNotifier *self,
                              GPtrArray       *members)
{
  g_return_if_fail (CALBOOK_IS_NOTIFIER (self));

  g_clear_pointer (&self->member_names, g_hash_table_unref);
  if (members == NULL)
    return;

  self->member_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < members->len; i++)
    {
      const CalbookPerson *member = g_ptr_array_index (members, i);

      if (non_empty (member->email) && non_empty (member->name))
        g_hash_table_replace (self->member_names,
                              g_ascii_strdown (member->email, -1),
                              g_strdup (member->name));
    }
}

/**
 * calbook_notifier_set_name_func:
 * @func: (nullable): returns the name for an e-mail address, or %NULL
 *
 * Sets a function asked for the names of people who are not in the members.
 */
void
calbook_notifier_set_name_func (CalbookNotifier         *self,
                                CalbookNotifierNameFunc  func,
                                gpointer                 user_data,
                                GDestroyNotify           destroy)
{
  g_return_if_fail (CALBOOK_IS_NOTIFIER (self));

  if (self->name_func_destroy != NULL)
    self->name_func_destroy (self->name_func_data);

  self->name_func = func;
  self->name_func_data = user_data;
  self->name_func_destroy = destroy;
}

/**
 * calbook_notifier_is_own_booking:
 *
 * Returns: %TRUE when the user hosts @booking or attends it
 */
gboolean
calbook_notifier_is_own_booking (CalbookNotifier *self,
                                 CalbookBooking  *booking)
{
  GPtrArray *people[2];

  g_return_val_if_fail (CALBOOK_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), FALSE);

  if (self->user_id != 0 && calbook_booking_has_host (booking, self->user_id))
    return TRUE;

  people[0] = calbook_booking_get_hosts (booking);
  people[1] = calbook_booking_get_attendees (booking);
  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    for (guint i = 0; i < people[p]->len; i++)
      {
        const CalbookPerson *person = g_ptr_array_index (people[p], i);

        if (same_email (person->email, self->email))
          return TRUE;
      }

  return FALSE;
}

/**
 * calbook_notifier_format_time:
 * @utc: seconds since the epoch
 *
 * Returns: (transfer full): "Tue 3 Dec at 10:00" in the notifier's zone
 */
char *
calbook_notifier_format_time (CalbookNotifier *self,
                              gint64           utc)
{
  g_return_val_if_fail (CALBOOK_IS_NOTIFIER (self), NULL);

  switch (days_from_today (self, utc))
    {
    case 0:
      /* Translators: a time today in notification texts; see g_date_time_format() */
      return format_with (self, utc, C_("notification date and time", "today at %H:%M"));
    case 1:
      return format_with (self, utc, C_("notification date and time", "tomorrow at %H:%M"));
    default:
      /* Translators: a day and time in notification texts, "Tue 3 Dec at 10:00";
       * see g_date_time_format() */
      return format_with (self, utc, C_("notification date and time", "%a %-d %b at %H:%M"));
    }
}

/**
 * calbook_notifier_notify_change:
 * @change: what the sync saw
 *
 * Returns: (transfer full) (nullable): the notification, or %NULL when the
 *   change is not worth telling (see the rules in calbook-notifier.h)
 */
CalbookNotification *
calbook_notifier_notify_change (CalbookNotifier     *self,
                                const CalbookChange *change)
{
  g_return_val_if_fail (CALBOOK_IS_NOTIFIER (self), NULL);
  g_return_val_if_fail (change != NULL, NULL);

  if (change->booking == NULL || !CALBOOK_IS_BOOKING (change->booking))
    return NULL;

  /* The user knows what they did (the window said it with a toast) */
  if (is_by_self (self, change))
    return NULL;

  /* Others' changes to bookings that are not the user's are the admin
   * window's business, not a desktop notification's */
  if (!calbook_notifier_is_own_booking (self, change->booking) &&
      (change->previous == NULL || !calbook_notifier_is_own_booking (self, change->previous)))
    return NULL;

  return notify_others_change (self, change);
}

/**
 * calbook_notifier_notify_changes:
 * @changes: (element-type CalbookChange)
 *
 * Returns: (transfer full) (element-type CalbookNotification): the
 *   notifications worth sending, in order
 */
GPtrArray *
calbook_notifier_notify_changes (CalbookNotifier *self,
                                 GPtrArray       *changes)
{
  g_autoptr(GHashTable) series = NULL;
  g_autoptr(GHashTable) counts = NULL;
  GPtrArray *notifications;

  g_return_val_if_fail (CALBOOK_IS_NOTIFIER (self), NULL);
  g_return_val_if_fail (changes != NULL, NULL);

  notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_notification_free);
  /* "series uid|kind" → its one notification, and how many it stands for */
  series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  counts = g_hash_table_new (NULL, NULL);

  /* Cal.com confirms or declines every pending occurrence of a series at
   * once: when the user answered one, the others changed by the user too */
  for (guint i = 0; i < changes->len; i++)
    {
      const CalbookChange *change = g_ptr_array_index (changes, i);
      const char *series_uid = calbook_booking_get_recurring_booking_uid (change->booking);

      if (series_uid != NULL && is_by_self (self, change) &&
          (change->kind == CALBOOK_CHANGE_CONFIRMED || change->kind == CALBOOK_CHANGE_DECLINED))
        g_hash_table_add (self->own_series, g_strdup_printf ("%s|%d", series_uid, (int) change->kind));
    }

  for (guint i = 0; i < changes->len; i++)
    {
      const CalbookChange *change = g_ptr_array_index (changes, i);
      CalbookNotification *notification;
      g_autofree char *key = NULL;
      const char *series_uid;

      series_uid = calbook_booking_get_recurring_booking_uid (change->booking);
      if (series_uid != NULL)
        {
          g_autofree char *own_key = g_strdup_printf ("%s|%d", series_uid, (int) change->kind);

          if (g_hash_table_contains (self->own_series, own_key))
            continue;
        }

      notification = calbook_notifier_notify_change (self, change);
      if (notification == NULL)
        continue;

      /* A series changed at once is one notification, not one per occurrence */
      series_uid = calbook_booking_get_recurring_booking_uid (change->booking);
      if (series_uid != NULL)
        {
          CalbookNotification *first;

          key = g_strdup_printf ("%s|%d", series_uid, (int) change->kind);
          first = g_hash_table_lookup (series, key);
          if (first != NULL)
            {
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, first));

              g_hash_table_insert (counts, first, GUINT_TO_POINTER (n + 1));
              calbook_notification_free (notification);
              continue;
            }

          g_free (notification->id);
          notification->id = g_strdup_printf ("series-%s", series_uid);
          g_hash_table_insert (series, g_steal_pointer (&key), notification);
          g_hash_table_insert (counts, notification, GUINT_TO_POINTER (1));
        }

      g_ptr_array_add (notifications, notification);
    }

  for (guint i = 0; i < notifications->len; i++)
    {
      CalbookNotification *notification = g_ptr_array_index (notifications, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, notification));
      char *body;

      if (n <= 1)
        continue;

      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: after a notification's text about
                                            * one booking of a recurring series */
                                           "%s (and %u more of the series)",
                                           "%s (and %u more of the series)", n - 1),
                              notification->body, n - 1);
      g_free (notification->body);
      notification->body = body;
    }

  return notifications;
}

/**
 * calbook_notifier_collect_reminders:
 * @bookings: (element-type CalbookBooking): upcoming bookings, in any order
 * @now: the current time, UTC seconds
 * @minutes: how long before the start to remind; 0 for never
 *
 * Returns: (transfer full) (element-type CalbookNotification): the reminders
 *   due now that were not given before
 */
GPtrArray *
calbook_notifier_collect_reminders (CalbookNotifier *self,
                                    GPtrArray       *bookings,
                                    gint64           now,
                                    guint            minutes)
{
  GPtrArray *reminders;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (CALBOOK_IS_NOTIFIER (self), NULL);
  g_return_val_if_fail (bookings != NULL, NULL);

  reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_notification_free);

  /* What started already can never be due again: forget it, so the
   * table stays small however long the app runs */
  g_hash_table_iter_init (&iter, self->reminded);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (*(gint64 *) value <= now)
      g_hash_table_iter_remove (&iter);

  if (minutes == 0)
    return reminders;

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);
      g_autofree char *key = NULL;
      g_autofree char *who = NULL;
      g_autofree char *clock = NULL;
      g_autofree char *id = NULL;
      g_autofree char *title = NULL;
      g_autofree char *event = NULL;
      g_autofree char *body = NULL;
      CalbookNotification *reminder;
      const char *uid;
      const char *location;
      gint64 start;
      gint64 left;
      guint left_minutes;

      if (!CALBOOK_IS_BOOKING (booking))
        continue;

      start = calbook_booking_get_start (booking);
      uid = calbook_booking_get_uid (booking);
      if (uid == NULL || start <= now || start - now > (gint64) minutes * 60)
        continue;
      if (calbook_booking_get_status (booking) != CALBOOK_BOOKING_STATUS_CONFIRMED)
        continue;
      if (!calbook_notifier_is_own_booking (self, booking))
        continue;

      key = g_strdup_printf ("%s@%" G_GINT64_FORMAT, uid, start);
      if (g_hash_table_contains (self->reminded, key))
        continue;

      left = start - now;
      left_minutes = (guint) ((left + 59) / 60);
      who = describe_counterpart (self, booking);
      clock = format_clock (self, start);

      /* Translators: "Meeting with Max Müller in 10 minutes" */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Meeting with %1$s in %2$u minute",
                                            "Meeting with %1$s in %2$u minutes",
                                            left_minutes),
                               who, left_minutes);

      event = calbook_booking_title_dup_event_name (booking);
      location = non_empty (calbook_booking_get_location (booking));
      if (location == NULL)
        location = non_empty (calbook_booking_get_meeting_url (booking));
      if (event != NULL && location != NULL)
        /* Translators: "Intro call at 10:00", then where, on its own line */
        body = g_strdup_printf (_("%1$s at %2$s\n%3$s"), event, clock, location);
      else if (event != NULL)
        body = g_strdup_printf (_("%1$s at %2$s"), event, clock);
      else if (location != NULL)
        /* Translators: a booking without a title: "Starts at 10:00", then where */
        body = g_strdup_printf (_("Starts at %1$s\n%2$s"), clock, location);
      else
        body = g_strdup_printf (_("Starts at %s"), clock);

      id = g_strdup_printf ("reminder-%s", uid);
      reminder = calbook_notification_new (id, title, body, uid);
      if (has_join_url (booking))
        calbook_notification_add_action (reminder, _("Join"), "app.join-booking");
      g_ptr_array_add (reminders, reminder);

      g_hash_table_insert (self->reminded, g_steal_pointer (&key),
                           g_memdup2 (&start, sizeof start));
    }

  return reminders;
}

/**
 * calbook_notifier_collect_reminders_from_store:
 * @store: the account's store (used from this thread only)
 * @now: the current time, UTC seconds
 * @minutes: how long before the start to remind; 0 for never
 *
 * Like calbook_notifier_collect_reminders(), over the store's confirmed
 * bookings that start in the next @minutes.
 *
 * Returns: (transfer full) (element-type CalbookNotification) (nullable):
 *   the reminders due now, or %NULL with @error set
 */
GPtrArray *
calbook_notifier_collect_reminders_from_store (CalbookNotifier  *self,
                                               CalbookStore     *store,
                                               gint64            now,
                                               guint             minutes,
                                               GError          **error)
{
  g_autoptr(CalbookBookingFilter) filter = NULL;
  g_autoptr(GPtrArray) bookings = NULL;

  g_return_val_if_fail (CALBOOK_IS_NOTIFIER (self), NULL);
  g_return_val_if_fail (CALBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  if (minutes == 0)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      return calbook_notifier_collect_reminders (self, none, now, 0);
    }

  /* Bookings overlapping (now, now + minutes]: a superset of those starting
   * then; collect_reminders() keeps the right ones. Not filtered by host:
   * the user may attend a colleague's meeting. */
  filter = calbook_booking_filter_new ();
  filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED);
  filter->range_start = now + 1;
  filter->range_end = now + (gint64) minutes * 60 + 1;
  filter->sort = CALBOOK_BOOKING_SORT_START_ASC;

  bookings = calbook_store_query_bookings (store, filter, 0, 0, error);
  if (bookings == NULL)
    return NULL;

  return calbook_notifier_collect_reminders (self, bookings, now, minutes);
}
