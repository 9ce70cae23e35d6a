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
 * in the local time zone (DESIGN.md §5).
 */

/* Auxiliary methods */

static char *
format_day (GDateTime *dt)
{
  g_assert (dt != NULL);

  /* Translators: a day in the bookings list, e.g. "Tue 3 Dec"; see strftime(3) */
  return g_date_time_format (dt, _("%a %-d %b"));
}

static char *
format_clock (GDateTime *dt)
{
  g_assert (dt != NULL);

  /* Translators: a time of day, e.g. "10:00"; see strftime(3) */
  return g_date_time_format (dt, _("%H:%M"));
}

/* Public API */

char *
calbook_format_time_range (gint64 start,
                           gint64 end)
{
  g_autoptr(GDateTime) start_dt = g_date_time_new_from_unix_local (start);
  g_autoptr(GDateTime) end_dt = NULL;
  g_autofree char *start_day = NULL;
  g_autofree char *start_clock = NULL;
  g_autofree char *end_day = NULL;
  g_autofree char *end_clock = NULL;

  /* A damaged row can hold a time GDateTime cannot represent */
  if (start_dt == NULL)
    return g_strdup (_("Unknown time"));

  start_day = format_day (start_dt);
  start_clock = format_clock (start_dt);

  if (end > start)
    end_dt = g_date_time_new_from_unix_local (end);

  if (end_dt == NULL)
    /* Translators: day · time, e.g. "Tue 3 Dec · 10:00" */
    return g_strdup_printf (_("%s · %s"), start_day, start_clock);

  end_day = format_day (end_dt);
  end_clock = format_clock (end_dt);

  if (g_strcmp0 (start_day, end_day) == 0 &&
      g_date_time_get_year (start_dt) == g_date_time_get_year (end_dt))
    /* Translators: day · start–end, e.g. "Tue 3 Dec · 10:00–10:30" */
    return g_strdup_printf (_("%s · %s–%s"), start_day, start_clock, end_clock);

  /* Translators: a booking over midnight, e.g. "Tue 3 Dec · 23:00 – Wed 4 Dec · 01:00" */
  return g_strdup_printf (_("%s · %s – %s · %s"), start_day, start_clock, end_day, end_clock);
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
