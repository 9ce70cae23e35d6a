/* calbook-format.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "calbook-booking-text.h"
#include "calbook-booking-title.h"
#include "calbook-format.h"

/*
 * How bookings read in the GUI. Times are stored as UTC seconds and shown
 * in the local time zone (docs/architecture.md §5).
 */

/* Auxiliary methods */

static gboolean
use_12h_clock (void)
{
  static GSettings *interface_settings;
  static gsize initialized;

  /* Follow the desktop's clock setting, when the desktop has one */
  if (g_once_init_enter (&initialized))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
      if (schema != NULL && g_settings_schema_has_key (schema, "clock-format"))
        interface_settings = g_settings_new_full (schema, NULL, NULL);

      g_once_init_leave (&initialized, 1);
    }

  if (interface_settings == NULL)
    return FALSE;

  return g_settings_get_enum (interface_settings, "clock-format") == 1;
}

/* Whole days from today to @dt's day, in @dt's zone */
static int
days_from_today (GDateTime *dt)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (g_date_time_get_timezone (dt));
  g_autoptr(GDate) today = NULL;
  g_autoptr(GDate) day = NULL;

  today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                          g_date_time_get_month (now),
                          g_date_time_get_year (now));
  day = g_date_new_dmy (g_date_time_get_day_of_month (dt),
                        g_date_time_get_month (dt),
                        g_date_time_get_year (dt));

  return g_date_days_between (today, day);
}

/* "Today", "Tomorrow", "Yesterday", or %NULL for any other day */
static char *
format_nearby_day (GDateTime *dt)
{
  switch (days_from_today (dt))
    {
    case 0:
      return g_strdup (_("Today"));
    case 1:
      return g_strdup (_("Tomorrow"));
    case -1:
      return g_strdup (_("Yesterday"));
    default:
      return NULL;
    }
}

static gboolean
is_this_year (GDateTime *dt)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (g_date_time_get_timezone (dt));

  return g_date_time_get_year (dt) == g_date_time_get_year (now);
}

static char *
format_day (GDateTime *dt)
{
  char *nearby;

  g_assert (dt != NULL);

  if ((nearby = format_nearby_day (dt)) != NULL)
    return nearby;

  if (!is_this_year (dt))
    /* Translators: a day in another year, e.g. "Tue 3 Dec 2027"; see strftime(3) */
    return g_date_time_format (dt, _("%a %-d %b %Y"));

  /* Translators: a day in the bookings list, e.g. "Tue 3 Dec"; see strftime(3) */
  return g_date_time_format (dt, _("%a %-d %b"));
}

static char *
format_clock (GDateTime *dt)
{
  g_assert (dt != NULL);

  if (use_12h_clock ())
    /* Translators: a time of day on a 12-hour clock, e.g. "3:00 PM"; see strftime(3) */
    return g_strstrip (g_date_time_format (dt, _("%l:%M %p")));

  /* Translators: a time of day, e.g. "10:00"; see strftime(3) */
  return g_date_time_format (dt, _("%H:%M"));
}

static char *
format_time_range (gint64     start,
                   gint64     end,
                   GTimeZone *tz)
{
  g_autoptr(GDateTime) start_dt = g_date_time_new_from_unix_utc (start);
  g_autoptr(GDateTime) start_local = NULL;
  g_autoptr(GDateTime) end_dt = NULL;
  g_autoptr(GDateTime) end_local = NULL;
  g_autofree char *start_day = NULL;
  g_autofree char *start_clock = NULL;
  g_autofree char *end_day = NULL;
  g_autofree char *end_clock = NULL;

  g_assert (tz != NULL);

  /* A damaged row can hold a time GDateTime cannot represent */
  if (start_dt == NULL || (start_local = g_date_time_to_timezone (start_dt, tz)) == NULL)
    return g_strdup (_("Unknown time"));

  start_day = format_day (start_local);
  start_clock = format_clock (start_local);

  if (end > start && (end_dt = g_date_time_new_from_unix_utc (end)) != NULL)
    end_local = g_date_time_to_timezone (end_dt, tz);

  if (end_local == NULL)
    /* Translators: day · time, e.g. "Tue 3 Dec · 10:00" */
    return g_strdup_printf (_("%s · %s"), start_day, start_clock);

  end_day = format_day (end_local);
  end_clock = format_clock (end_local);

  if (g_strcmp0 (start_day, end_day) == 0)
    /* Translators: day · start–end, e.g. "Tue 3 Dec · 10:00–10:30" */
    return g_strdup_printf (_("%s · %s–%s"), start_day, start_clock, end_clock);

  /* Translators: a booking over midnight, e.g. "Tue 3 Dec · 23:00 – Wed 4 Dec · 01:00" */
  return g_strdup_printf (_("%s · %s – %s · %s"), start_day, start_clock, end_day, end_clock);
}

/* Public API */

char *
calbook_format_time_range (gint64 start,
                           gint64 end)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  return format_time_range (start, end, tz);
}

/**
 * calbook_format_time_range_in_zone:
 * @start: UTC seconds
 * @end: UTC seconds
 * @zone: an IANA zone such as "Europe/Berlin"
 *
 * Returns: (transfer full) (nullable): the range in @zone, or %NULL when
 *   @zone is unknown or shows the same clock time as the local zone
 */
char *
calbook_format_time_range_in_zone (gint64      start,
                                   gint64      end,
                                   const char *zone)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) in_local = NULL;
  g_autoptr(GDateTime) in_zone = NULL;

  if (zone == NULL || *zone == '\0' || (tz = g_time_zone_new_identifier (zone)) == NULL)
    return NULL;

  utc = g_date_time_new_from_unix_utc (start);
  if (utc == NULL)
    return NULL;

  in_local = g_date_time_to_timezone (utc, local);
  in_zone = g_date_time_to_timezone (utc, tz);
  if (in_local == NULL || in_zone == NULL ||
      g_date_time_get_utc_offset (in_local) == g_date_time_get_utc_offset (in_zone))
    return NULL;

  return format_time_range (start, end, tz);
}

char *
calbook_format_date_time (gint64 when)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when);
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;

  if (when <= 0 || dt == NULL)
    return g_strdup (_("Unknown time"));

  /* Translators: a full date, e.g. "Tue 3 Dec 2026"; see strftime(3) */
  day = g_date_time_format (dt, _("%a %-d %b %Y"));
  clock = format_clock (dt);

  return g_strdup_printf (_("%s · %s"), day, clock);
}

char *
calbook_format_people (GPtrArray *people)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (people == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);

  for (guint i = 0; i < people->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (people, i);
      const char *label = calbook_person_get_label (person);

      if (label == NULL || *label == '\0')
        continue;

      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append (text, label);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
calbook_format_status_class (CalbookBookingStatus status)
{
  switch (status)
    {
    case CALBOOK_BOOKING_STATUS_PENDING:
      return "status-pending";
    case CALBOOK_BOOKING_STATUS_CONFIRMED:
      return "status-confirmed";
    case CALBOOK_BOOKING_STATUS_CANCELLED:
      return "status-cancelled";
    case CALBOOK_BOOKING_STATUS_RESCHEDULED:
      return "status-rescheduled";
    case CALBOOK_BOOKING_STATUS_DECLINED:
      return "status-declined";
    case CALBOOK_BOOKING_STATUS_OTHER:
    default:
      return "status-other";
    }
}

/*
 * What a block, a row and a sentence show of a booking, read either from
 * the whole booking or from its summary (the store's columns, no JSON
 * parsed), so that each is worded in one place.
 */
typedef struct
{
  /* The full booking, when there is one (NULL for a summary) */
  CalbookBooking       *booking;
  const char           *title;
  const char           *event_type_slug;
  /* As a summary knows them, for the title's people */
  const char           *host_name;
  const char           *attendee_name;
  /* The first person it is with other than the signed-in one, or NULL */
  const char           *client;
  guint                 n_others;
  CalbookBookingStatus  status;
  const char           *status_label;
  gboolean              no_show;
  gint64                start;
  gint64                end;
} Shown;

static gboolean
is_own (const char *email,
        const char *own_email)
{
  return own_email != NULL && *own_email != '\0' && email != NULL &&
         g_ascii_strcasecmp (email, own_email) == 0;
}

static void
shown_from_booking (Shown          *shown,
                    CalbookBooking *booking,
                    const char     *own_email)
{
  GPtrArray *attendees = calbook_booking_get_attendees (booking);

  *shown = (Shown) {
    .booking = booking,
    .title = calbook_booking_get_title (booking),
    .event_type_slug = calbook_booking_get_event_type_slug (booking),
    .status = calbook_booking_get_status (booking),
    .status_label = calbook_booking_get_status_label (booking),
    .no_show = calbook_booking_get_absent_host (booking),
    .start = calbook_booking_get_start (booking),
    .end = calbook_booking_get_end (booking),
  };

  for (guint i = 0; i < attendees->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (attendees, i);
      const char *label = calbook_person_get_label (person);

      shown->no_show |= person->absent;

      /* The person using the window knows they are there */
      if (is_own (person->email, own_email) || label == NULL || *label == '\0')
        continue;

      if (shown->client == NULL)
        shown->client = label;
      else
        shown->n_others++;
    }
}

static void
shown_from_summary (Shown                 *shown,
                    CalbookBookingSummary *summary,
                    const char            *own_email)
{
  const char *name = calbook_booking_summary_get_client_name (summary);
  const char *email = calbook_booking_summary_get_client_email (summary);
  guint n_attendees = calbook_booking_summary_get_attendee_count (summary);
  const char *api_status = calbook_booking_summary_get_api_status (summary);

  *shown = (Shown) {
    .title = calbook_booking_summary_get_title (summary),
    .host_name = calbook_booking_summary_get_host_name (summary),
    .attendee_name = name,
    .event_type_slug = calbook_booking_summary_get_event_type_slug (summary),
    .status = calbook_booking_summary_get_status (summary),
    .no_show = calbook_booking_summary_is_no_show (summary),
    .start = calbook_booking_summary_get_start (summary),
    .end = calbook_booking_summary_get_end (summary),
  };

  shown->status_label = shown->status != CALBOOK_BOOKING_STATUS_OTHER ?
                        calbook_booking_status_to_label (shown->status) :
                        *api_status != '\0' ? api_status : _("Unknown");

  /* The summary names the first attendee only: when that is the signed-in
   * person, the others are not known by name, and the title stands in */
  if (!is_own (email, own_email))
    {
      shown->client = *name != '\0' ? name : *email != '\0' ? email : NULL;
      if (shown->client != NULL && n_attendees > 1)
        shown->n_others = n_attendees - 1;
    }
}

static char *
format_client (const Shown *shown)
{
  g_autofree char *shortened = NULL;

  if (shown->client == NULL)
    {
      /* Cut: a label shapes all of its text, even what it ellipsizes */
      return calbook_booking_text_shorten (shown->title != NULL && *shown->title != '\0' ?
                                           shown->title : _("Untitled booking"));
    }

  shortened = calbook_booking_text_shorten (shown->client);
  if (shown->n_others == 0)
    return g_steal_pointer (&shortened);

  /* Translators: a client's name and how many more people come, e.g. "Ann Weber +2" */
  return g_strdup_printf (_("%s +%u"), shortened, shown->n_others);
}

/**
 * calbook_format_client:
 * @booking: a booking
 * @own_email: (nullable): the signed-in person's address, never named
 *
 * The people a booking is with, as a row's title: "Ann Weber", or
 * "Ann Weber +2" when more came.
 *
 * Returns: (transfer full): the name; the booking's title when it lists nobody
 */
char *
calbook_format_client (CalbookBooking *booking,
                       const char     *own_email)
{
  Shown shown;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  shown_from_booking (&shown, booking, own_email);

  return format_client (&shown);
}

/**
 * calbook_format_summary_client:
 *
 * calbook_format_client() from a summary: "Ann Weber +2"
 */
char *
calbook_format_summary_client (CalbookBookingSummary *summary,
                               const char            *own_email)
{
  Shown shown;

  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (summary), NULL);

  shown_from_summary (&shown, summary, own_email);

  return format_client (&shown);
}

/* Takes @name: the event's name from its title, or NULL */
static char *
format_event_type (char       *name,
                   const char *slug)
{
  if (name != NULL)
    return name;

  if (slug != NULL && *slug != '\0')
    {
      name = g_strdelimit (g_strdup (slug), "-_", ' ');
      name[0] = g_ascii_toupper (name[0]);
      return name;
    }

  return g_strdup (_("Booking"));
}

static char *
format_shown_event_type (const Shown *shown)
{
  /* Cal.com's own title without its people, or the event type's own name */
  g_autofree char *name =
    format_event_type (shown->booking != NULL ?
                       calbook_booking_title_dup_event_name (shown->booking) :
                       calbook_booking_title_dup_event_name_from (shown->title, shown->host_name,
                                                                  shown->attendee_name),
                       shown->event_type_slug);

  /* Cut: a label shapes all of its text, even what it ellipsizes */
  return calbook_booking_text_shorten (name);
}

/**
 * calbook_format_event_type:
 * @booking: a booking
 *
 * Returns: (transfer full): what kind of appointment it is, e.g. "Check-up"
 */
char *
calbook_format_event_type (CalbookBooking *booking)
{
  Shown shown;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  shown_from_booking (&shown, booking, NULL);

  return format_shown_event_type (&shown);
}

char *
calbook_format_summary_event_type (CalbookBookingSummary *summary)
{
  Shown shown;

  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (summary), NULL);

  shown_from_summary (&shown, summary, NULL);

  return format_shown_event_type (&shown);
}

/**
 * calbook_format_length:
 *
 * Returns: (transfer full): "30 min", "1 h", "1 h 30 min"
 */
char *
calbook_format_length (gint64 start,
                       gint64 end)
{
  gint64 minutes = end > start ? (end - start) / 60 : 0;

  if (minutes < 60)
    /* Translators: a booking's length in minutes */
    return g_strdup_printf (_("%d min"), (int) minutes);

  if (minutes % 60 == 0)
    /* Translators: a booking's length in hours */
    return g_strdup_printf (_("%d h"), (int) (minutes / 60));

  /* Translators: a booking's length, e.g. "1 h 30 min" */
  return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
}

static const char *
format_status_note (const Shown *shown)
{
  switch (shown->status)
    {
    case CALBOOK_BOOKING_STATUS_PENDING:
      /* Cal.com's own word for a booking waiting for the host */
      return _("Unconfirmed");
    case CALBOOK_BOOKING_STATUS_CANCELLED:
      return _("Cancelled");
    case CALBOOK_BOOKING_STATUS_DECLINED:
      return _("Declined");
    case CALBOOK_BOOKING_STATUS_RESCHEDULED:
      return _("Rescheduled");
    case CALBOOK_BOOKING_STATUS_OTHER:
      return shown->status_label;
    case CALBOOK_BOOKING_STATUS_CONFIRMED:
    default:
      break;
    }

  return shown->no_show ? _("No-show") : NULL;
}

/**
 * calbook_format_status_note:
 * @booking: a booking
 *
 * Returns: (nullable): the status when it is not the normal one (a confirmed
 *   booking that happened or will happen), else %NULL
 */
const char *
calbook_format_status_note (CalbookBooking *booking)
{
  Shown shown;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  shown_from_booking (&shown, booking, NULL);

  return format_status_note (&shown);
}

/**
 * calbook_format_summary_status_note:
 *
 * calbook_format_status_note() from a summary, which does not say who did
 * not come: a no-show reads as confirmed until the booking is opened
 */
const char *
calbook_format_summary_status_note (CalbookBookingSummary *summary)
{
  Shown shown;

  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (summary), NULL);

  shown_from_summary (&shown, summary, NULL);

  return format_status_note (&shown);
}

/**
 * calbook_format_clock_range:
 *
 * Returns: (transfer full): "10:00–10:30", the day left out
 */
char *
calbook_format_clock_range (gint64 start,
                            gint64 end)
{
  g_autoptr(GDateTime) start_dt = g_date_time_new_from_unix_local (start);
  g_autoptr(GDateTime) end_dt = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (start_dt == NULL)
    return g_strdup (_("Unknown time"));

  from = format_clock (start_dt);
  if (end <= start || (end_dt = g_date_time_new_from_unix_local (end)) == NULL)
    return g_steal_pointer (&from);

  to = format_clock (end_dt);

  /* Translators: a time range, e.g. "10:00–10:30" */
  return g_strdup_printf (_("%s–%s"), from, to);
}

/**
 * calbook_format_day_header:
 * @day: a day in the local zone
 *
 * Returns: (transfer full): "Today", "Tomorrow", "Monday 7 December"
 */
char *
calbook_format_day_header (GDateTime *day)
{
  char *nearby;

  g_return_val_if_fail (day != NULL, NULL);

  if ((nearby = format_nearby_day (day)) != NULL)
    return nearby;

  if (!is_this_year (day))
    /* Translators: a day header in another year, e.g. "Monday 7 December 2027"; see strftime(3) */
    return g_date_time_format (day, _("%A %-d %B %Y"));

  /* Translators: a day header in the agenda, e.g. "Monday 7 December"; see strftime(3) */
  return g_date_time_format (day, _("%A %-d %B"));
}

static char *
format_sentence (const Shown *shown,
                 gboolean     pending)
{
  g_autofree char *client = format_client (shown);
  g_autofree char *event_type = format_shown_event_type (shown);
  g_autofree char *when = calbook_format_time_range (shown->start, shown->end);
  const char *note = format_status_note (shown);
  GString *text = g_string_new (NULL);

  /* Translators: how a booking is read aloud: client, event type, time */
  g_string_append_printf (text, _("%s, %s, %s"), client, event_type, when);
  g_string_append_printf (text, _(", %s"), note != NULL ? note : _("Confirmed"));
  if (pending)
    g_string_append_printf (text, _(", %s"), _("change not sent yet"));

  return g_string_free (text, FALSE);
}

/**
 * calbook_format_booking_summary:
 * @booking: a booking
 * @own_email: (nullable): the signed-in person's address
 * @pending: whether a change to it waits to be sent
 *
 * One sentence for screen readers: client, time and status.
 *
 * Returns: (transfer full): e.g. "Ann Weber, Check-up, Today · 10:00–10:30, Unconfirmed"
 */
char *
calbook_format_booking_summary (CalbookBooking *booking,
                                const char     *own_email,
                                gboolean        pending)
{
  Shown shown;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  shown_from_booking (&shown, booking, own_email);

  return format_sentence (&shown, pending);
}

/**
 * calbook_format_summary_sentence:
 *
 * calbook_format_booking_summary() from a summary
 */
char *
calbook_format_summary_sentence (CalbookBookingSummary *summary,
                                 const char            *own_email,
                                 gboolean               pending)
{
  Shown shown;

  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (summary), NULL);

  shown_from_summary (&shown, summary, own_email);

  return format_sentence (&shown, pending);
}

/**
 * calbook_format_booking_count:
 * @n: how many bookings
 * @estimated: whether @n is an estimate (a count that would cost more than
 *   a frame, made exact later)
 *
 * Returns: (transfer full): "14,217 bookings", or "About 14,217 bookings"
 */
char *
calbook_format_booking_count (guint    n,
                              gboolean estimated)
{
  if (estimated)
    /* Translators: a count not yet made exact, e.g. "About 14,217 bookings" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %'u booking", "About %'u bookings", n), n);

  /* Translators: how many bookings are shown, e.g. "14,217 bookings" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u booking", "%'u bookings", n), n);
}

/**
 * calbook_format_more:
 * @n: how many bookings do not fit
 *
 * Returns: (transfer full): "+3 more", for a day or a cluster that shows
 *   only its first bookings
 */
char *
calbook_format_more (guint n)
{
  /* Translators: more bookings than fit, e.g. "+3 more" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%'u more", "+%'u more", n), n);
}

/**
 * calbook_format_more_short:
 * @n: how many bookings do not fit
 *
 * Returns: (transfer full): "+3", where "+3 more" does not fit (a day
 *   column at 360 px)
 */
char *
calbook_format_more_short (guint n)
{
  /* Translators: more bookings than fit, where "+3 more" is too wide, e.g. "+3" */
  return g_strdup_printf (_("+%'u"), n);
}

/**
 * calbook_format_more_accessible:
 * @n: how many bookings do not fit
 * @day: the day they are on
 *
 * Returns: (transfer full): "3 more bookings on Monday 7 December", what
 *   "+3 more" is read as
 */
char *
calbook_format_more_accessible (guint      n,
                                GDateTime *day)
{
  g_autofree char *day_name = NULL;

  g_return_val_if_fail (day != NULL, NULL);

  /* Translators: a day's name in "3 more bookings on Monday 7 December"; see strftime(3) */
  day_name = g_date_time_format (day, _("%A %-d %B"));

  /* Translators: what "+3 more" is read as, e.g. "3 more bookings on Monday 7 December" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u more booking on %s",
                                       "%'u more bookings on %s", n),
                          n, day_name);
}
