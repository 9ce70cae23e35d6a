/* calbook-format.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

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

static char *
format_day (GDateTime *dt)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDate) today = NULL;
  g_autoptr(GDate) day = NULL;
  int days;

  g_assert (dt != NULL);

  now = g_date_time_new_now (g_date_time_get_timezone (dt));
  today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                          g_date_time_get_month (now),
                          g_date_time_get_year (now));
  day = g_date_new_dmy (g_date_time_get_day_of_month (dt),
                        g_date_time_get_month (dt),
                        g_date_time_get_year (dt));
  days = g_date_days_between (today, day);

  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Tomorrow"));
  if (days == -1)
    return g_strdup (_("Yesterday"));

  if (g_date_time_get_year (dt) != g_date_time_get_year (now))
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
