/* calbook-export.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-export"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "calbook-export.h"
#include "calbook-store.h"
#include "calbook-store-private.h"

/*
 * CSV follows RFC 4180: CRLF line ends, a field in double quotes when it
 * holds a comma, a quote or a line break, quotes doubled inside. A value a
 * spreadsheet would read as a formula (it starts with = + - @, a tab or a
 * carriage return) gets a leading apostrophe, which spreadsheets show as
 * text and do not run.
 *
 * iCalendar text is written by libical only. To stream a large export, the
 * calendar's own lines come from an empty VCALENDAR that libical wrote, and
 * each booking is one VEVENT that libical wrote, in between.
 */

#define PAGE_SIZE 500
#define PRODID "-//Calbook//Calbook " PACKAGE_VERSION "//EN"
#define ICS_TAIL "END:VCALENDAR\r\n"

struct _CalbookExport
{
  GObject               parent_instance;

  char                 *store_path;
  CalbookBookingFilter *filter;
  CalbookExportFormat   format;
  GTimeZone            *zone;

  /* Written by the worker, read on the caller's context */
  gint                  done;
  gint                  total;
  GMainContext         *context;
};

G_DEFINE_FINAL_TYPE (CalbookExport, calbook_export, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *column_names[CALBOOK_EXPORT_N_COLUMNS] = {
  [CALBOOK_EXPORT_COLUMN_UID] = "UID",
  [CALBOOK_EXPORT_COLUMN_TITLE] = "Title",
  [CALBOOK_EXPORT_COLUMN_STATUS] = "Status",
  [CALBOOK_EXPORT_COLUMN_START] = "Start",
  [CALBOOK_EXPORT_COLUMN_END] = "End",
  [CALBOOK_EXPORT_COLUMN_LENGTH] = "Length (minutes)",
  [CALBOOK_EXPORT_COLUMN_EVENT_TYPE] = "Event type",
  [CALBOOK_EXPORT_COLUMN_MEMBER] = "Member",
  [CALBOOK_EXPORT_COLUMN_MEMBER_EMAIL] = "Member e-mail",
  [CALBOOK_EXPORT_COLUMN_CLIENT] = "Client",
  [CALBOOK_EXPORT_COLUMN_CLIENT_EMAIL] = "Client e-mail",
  [CALBOOK_EXPORT_COLUMN_GUESTS] = "Guests",
  [CALBOOK_EXPORT_COLUMN_LOCATION] = "Location",
  [CALBOOK_EXPORT_COLUMN_CREATED] = "Created",
};

/* Auxiliary methods */

static char *
format_time (gint64     unix_time,
             GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

/* Several people in one field: "; " between them */
static char *
join_people (GPtrArray *people,
             gboolean   emails)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < people->len; i++)
    {
      CalbookPerson *person = g_ptr_array_index (people, i);

      if (i > 0)
        g_string_append (joined, "; ");
      g_string_append (joined, emails ? person->email : person->name);
    }

  return g_string_free (joined, FALSE);
}

static char *
join_strings (GPtrArray *strings)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < strings->len; i++)
    {
      if (i > 0)
        g_string_append (joined, "; ");
      g_string_append (joined, g_ptr_array_index (strings, i));
    }

  return g_string_free (joined, FALSE);
}

static char *
dup_text (const char *text)
{
  return g_strdup (text != NULL ? text : "");
}

/* RFC 5545 TEXT has no control characters but the line feed, and libical
 * drops the blanks at either end when it reads a value: what it would not
 * read back the same is made plain here. NULL for nothing left. */
static char *
dup_ical_text (const char *text)
{
  char *plain;

  if (text == NULL)
    return NULL;

  plain = g_strdup (text);
  for (char *p = plain; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n')
      *p = ' ';
  g_strstrip (plain);

  if (plain[0] == '\0')
    g_clear_pointer (&plain, g_free);

  return plain;
}

static gboolean
needs_neutralizing (const char *value)
{
  return value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
}

static char *
take_ical_string (char *text)
{
  char *copy = g_strdup (text);

  icalmemory_free_buffer (text);

  return copy;
}

static icalproperty *
new_address_property (gboolean             organizer,
                      const CalbookPerson *person)
{
  g_autofree char *address = NULL;
  icalproperty *property;

  if (person->email[0] != '\0')
    address = g_strconcat ("mailto:", person->email, NULL);
  else if (person->phone != NULL && person->phone[0] != '\0')
    address = g_strconcat ("tel:", person->phone, NULL);
  else
    return NULL;

  property = organizer ? icalproperty_new_organizer (address) : icalproperty_new_attendee (address);
  if (person->name[0] != '\0')
    icalproperty_add_parameter (property, icalparameter_new_cn (person->name));

  return property;
}

static icalproperty_status
get_ical_status (CalbookBookingStatus status)
{
  switch (status)
    {
    case CALBOOK_BOOKING_STATUS_PENDING:
    case CALBOOK_BOOKING_STATUS_OTHER:
      return ICAL_STATUS_TENTATIVE;
    case CALBOOK_BOOKING_STATUS_CONFIRMED:
      return ICAL_STATUS_CONFIRMED;
    case CALBOOK_BOOKING_STATUS_CANCELLED:
    case CALBOOK_BOOKING_STATUS_RESCHEDULED:
    case CALBOOK_BOOKING_STATUS_DECLINED:
    default:
      return ICAL_STATUS_CANCELLED;
    }
}

/* How each host answered: attendees booked it themselves and so accepted
 * unless it no longer takes place */
static icalparameter_partstat
get_partstat (CalbookBookingStatus status,
              gboolean             host)
{
  if (get_ical_status (status) == ICAL_STATUS_CANCELLED)
    return ICAL_PARTSTAT_DECLINED;
  if (host && get_ical_status (status) == ICAL_STATUS_TENTATIVE)
    return ICAL_PARTSTAT_NEEDSACTION;

  return ICAL_PARTSTAT_ACCEPTED;
}

static void
add_attendee (icalcomponent          *event,
              const CalbookPerson    *person,
              icalparameter_role      role,
              icalparameter_partstat  partstat)
{
  icalproperty *property = new_address_property (FALSE, person);

  if (property == NULL)
    return;

  icalproperty_add_parameter (property, icalparameter_new_role (role));
  icalproperty_add_parameter (property, icalparameter_new_partstat (partstat));
  icalcomponent_add_property (event, property);
}

static struct icaltimetype
to_ical_time (gint64 unix_time)
{
  return icaltime_from_timet_with_zone ((time_t) unix_time, FALSE,
                                        icaltimezone_get_utc_timezone ());
}

static void
notify_progress (CalbookExport *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static gboolean
on_progress_idle_cb (gpointer data)
{
  notify_progress (data);

  return G_SOURCE_REMOVE;
}

static void
report_progress (CalbookExport *self,
                 guint          done)
{
  g_atomic_int_set (&self->done, (gint) done);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT_IDLE, on_progress_idle_cb,
                              g_object_ref (self), g_object_unref);
}

static gboolean
write_text (GOutputStream  *stream,
            GString        *text,
            GCancellable   *cancellable,
            GError        **error)
{
  gboolean written = g_output_stream_write_all (stream, text->str, text->len, NULL,
                                                cancellable, error);

  g_string_truncate (text, 0);

  return written;
}

static void
append_bookings (GString             *out,
                 GPtrArray           *bookings,
                 CalbookExportFormat  format,
                 GTimeZone           *zone,
                 gint64               now)
{
  for (guint i = 0; i < bookings->len; i++)
    {
      if (format == CALBOOK_EXPORT_FORMAT_CSV)
        {
          calbook_export_append_csv_row (out, g_ptr_array_index (bookings, i), zone);
        }
      else
        {
          g_autofree char *event = calbook_export_dup_vevent (g_ptr_array_index (bookings, i), now);

          g_string_append (out, event);
        }
    }
}

static void
append_head (GString             *out,
             CalbookExportFormat  format)
{
  if (format == CALBOOK_EXPORT_FORMAT_CSV)
    {
      calbook_export_append_csv_header (out);
    }
  else
    {
      g_autofree char *head = calbook_export_dup_ics_head ();

      g_string_append (out, head);
    }
}

static void
append_tail (GString             *out,
             CalbookExportFormat  format)
{
  if (format == CALBOOK_EXPORT_FORMAT_ICALENDAR)
    g_string_append (out, ICS_TAIL);
}

static void
export_in_thread_cb (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  CalbookExport *self = source_object;
  GFile *file = task_data;
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GError *error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint done = 0;
  guint total;

  store = calbook_store_open (self->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  total = calbook_store_count_bookings (store, self->filter, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_atomic_int_set (&self->total, (gint) total);

  /* Replaced only when everything was written: a failed export leaves
   * the earlier file as it was */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  append_head (out, self->format);

  page = calbook_store_query_bookings (store, self->filter, 0, PAGE_SIZE, &error);
  while (page != NULL && page->len > 0)
    {
      g_autoptr(GPtrArray) next = NULL;

      append_bookings (out, page, self->format, self->zone, now);
      if (!write_text (G_OUTPUT_STREAM (stream), out, cancellable, &error))
        break;

      done += page->len;
      report_progress (self, done);

      /* Seek past the last row instead of counting off an offset */
      next = _calbook_store_query_bookings_from (store, self->filter,
                                                 g_ptr_array_index (page, page->len - 1),
                                                 FALSE, PAGE_SIZE, &error);
      g_clear_pointer (&page, g_ptr_array_unref);
      page = g_steal_pointer (&next);
    }

  if (error == NULL)
    {
      append_tail (out, self->format);
      write_text (G_OUTPUT_STREAM (stream), out, cancellable, &error);
    }

  if (error != NULL)
    {
      /* Closing with a cancelled cancellable drops the temporary file */
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
      g_task_return_error (task, error);
      return;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_int (task, done);
}

/* GObject overrides */

static void
calbook_export_finalize (GObject *object)
{
  CalbookExport *self = CALBOOK_EXPORT (object);

  g_clear_pointer (&self->store_path, g_free);
  g_clear_pointer (&self->filter, calbook_booking_filter_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (calbook_export_parent_class)->finalize (object);
}

static void
calbook_export_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CalbookExport *self = CALBOOK_EXPORT (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, calbook_export_get_progress (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_export_class_init (CalbookExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = calbook_export_finalize;
  object_class->get_property = calbook_export_get_property;

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
calbook_export_init (CalbookExport *self)
{
}

/* Public API */

/**
 * calbook_export_new:
 * @store_path: the account's store file
 * @filter: (nullable): which bookings, in which order; %NULL for all
 * @format: CSV or iCalendar
 * @zone: (nullable): the zone CSV times are written in; %NULL for local time
 *
 * Returns: (transfer full): a new export, not yet started
 */
CalbookExport *
calbook_export_new (const char                 *store_path,
                    const CalbookBookingFilter *filter,
                    CalbookExportFormat         format,
                    GTimeZone                  *zone)
{
  CalbookExport *self;

  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (CALBOOK_TYPE_EXPORT, NULL);
  self->store_path = g_strdup (store_path);
  self->filter = filter != NULL ? calbook_booking_filter_copy (filter) : calbook_booking_filter_new ();
  self->format = format;
  self->zone = zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_local ();

  return self;
}

double
calbook_export_get_progress (CalbookExport *self)
{
  gint total;

  g_return_val_if_fail (CALBOOK_IS_EXPORT (self), 0.0);

  total = g_atomic_int_get (&self->total);
  if (total <= 0)
    return 0.0;

  return CLAMP ((double) g_atomic_int_get (&self->done) / total, 0.0, 1.0);
}

void
calbook_export_run_async (CalbookExport       *self,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CALBOOK_IS_EXPORT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->context == NULL);

  self->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, calbook_export_run_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, export_in_thread_cb);
}

gssize
calbook_export_run_finish (CalbookExport  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (CALBOOK_IS_EXPORT (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

const char *
calbook_export_get_column_name (CalbookExportColumn column)
{
  g_return_val_if_fail (column < CALBOOK_EXPORT_N_COLUMNS, NULL);

  return column_names[column];
}

/**
 * calbook_export_dup_csv_field:
 *
 * Returns: (transfer full): the value of one CSV column, before quoting
 *   and neutralizing; "" for nothing, never %NULL
 */
char *
calbook_export_dup_csv_field (CalbookBooking      *booking,
                              CalbookExportColumn  column,
                              GTimeZone           *zone)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  switch (column)
    {
    case CALBOOK_EXPORT_COLUMN_UID:
      return dup_text (calbook_booking_get_uid (booking));
    case CALBOOK_EXPORT_COLUMN_TITLE:
      return dup_text (calbook_booking_get_title (booking));
    case CALBOOK_EXPORT_COLUMN_STATUS:
      return dup_text (calbook_booking_get_status_label (booking));
    case CALBOOK_EXPORT_COLUMN_START:
      return format_time (calbook_booking_get_start (booking), zone);
    case CALBOOK_EXPORT_COLUMN_END:
      return format_time (calbook_booking_get_end (booking), zone);
    case CALBOOK_EXPORT_COLUMN_LENGTH:
      return g_strdup_printf ("%d", calbook_booking_get_duration (booking));
    case CALBOOK_EXPORT_COLUMN_EVENT_TYPE:
      return dup_text (calbook_booking_get_event_type_slug (booking));
    case CALBOOK_EXPORT_COLUMN_MEMBER:
      return join_people (calbook_booking_get_hosts (booking), FALSE);
    case CALBOOK_EXPORT_COLUMN_MEMBER_EMAIL:
      return join_people (calbook_booking_get_hosts (booking), TRUE);
    case CALBOOK_EXPORT_COLUMN_CLIENT:
      return join_people (calbook_booking_get_attendees (booking), FALSE);
    case CALBOOK_EXPORT_COLUMN_CLIENT_EMAIL:
      return join_people (calbook_booking_get_attendees (booking), TRUE);
    case CALBOOK_EXPORT_COLUMN_GUESTS:
      return join_strings (calbook_booking_get_guests (booking));
    case CALBOOK_EXPORT_COLUMN_LOCATION:
      return dup_text (calbook_booking_get_location (booking));
    case CALBOOK_EXPORT_COLUMN_CREATED:
      return calbook_booking_get_created_at (booking) != 0
             ? format_time (calbook_booking_get_created_at (booking), zone)
             : g_strdup ("");
    case CALBOOK_EXPORT_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* One field: neutralized, then quoted when RFC 4180 needs it */
void
calbook_export_append_csv_value (GString    *out,
                                 const char *value)
{
  g_autofree char *neutral = NULL;

  if (value == NULL)
    value = "";

  if (needs_neutralizing (value))
    value = neutral = g_strconcat ("'", value, NULL);

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
calbook_export_append_csv_header (GString *out)
{
  for (guint i = 0; i < CALBOOK_EXPORT_N_COLUMNS; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      calbook_export_append_csv_value (out, column_names[i]);
    }
  g_string_append (out, "\r\n");
}

void
calbook_export_append_csv_row (GString        *out,
                               CalbookBooking *booking,
                               GTimeZone      *zone)
{
  for (guint i = 0; i < CALBOOK_EXPORT_N_COLUMNS; i++)
    {
      g_autofree char *value = calbook_export_dup_csv_field (booking, i, zone);

      if (i > 0)
        g_string_append_c (out, ',');
      calbook_export_append_csv_value (out, value);
    }
  g_string_append (out, "\r\n");
}

/**
 * calbook_export_dup_ics_head:
 *
 * Returns: (transfer full): the lines of a VCALENDAR before its first VEVENT
 */
char *
calbook_export_dup_ics_head (void)
{
  icalcomponent *calendar = icalcomponent_new_vcalendar ();
  g_autofree char *text = NULL;
  char *tail;

  icalcomponent_add_property (calendar, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));

  text = take_ical_string (icalcomponent_as_ical_string_r (calendar));
  icalcomponent_free (calendar);

  tail = g_strrstr (text, ICS_TAIL);
  g_assert (tail != NULL);
  *tail = '\0';

  return g_steal_pointer (&text);
}

const char *
calbook_export_get_ics_tail (void)
{
  return ICS_TAIL;
}

/**
 * calbook_export_dup_vevent:
 * @booking: the booking
 * @now: Unix time for DTSTAMP (when the export was made)
 *
 * SEQUENCE is 0 while the booking takes place and 1 once it was cancelled,
 * declined or moved: the export of the change then replaces the first one
 * in a calendar that imported both.
 *
 * Returns: (transfer full): one VEVENT as libical writes it
 */
char *
calbook_export_dup_vevent (CalbookBooking *booking,
                           gint64          now)
{
  icalcomponent *event;
  CalbookBookingStatus status;
  GPtrArray *hosts;
  GPtrArray *attendees;
  GPtrArray *guests;
  char *text;
  char *result;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  status = calbook_booking_get_status (booking);
  hosts = calbook_booking_get_hosts (booking);
  attendees = calbook_booking_get_attendees (booking);
  guests = calbook_booking_get_guests (booking);

  event = icalcomponent_new_vevent ();
  icalcomponent_add_property (event, icalproperty_new_uid (calbook_booking_get_uid (booking)));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (to_ical_time (now)));
  icalcomponent_add_property (event, icalproperty_new_dtstart (to_ical_time (calbook_booking_get_start (booking))));
  icalcomponent_add_property (event, icalproperty_new_dtend (to_ical_time (calbook_booking_get_end (booking))));
  /* An empty property does not parse back: better none */
  text = dup_ical_text (calbook_booking_get_title (booking));
  if (text != NULL)
    icalcomponent_add_property (event, icalproperty_new_summary (text));
  g_free (text);

  text = dup_ical_text (calbook_booking_get_description (booking));
  if (text != NULL)
    icalcomponent_add_property (event, icalproperty_new_description (text));
  g_free (text);

  text = dup_ical_text (calbook_booking_get_location (booking));
  if (text != NULL)
    icalcomponent_add_property (event, icalproperty_new_location (text));
  g_free (text);

  icalcomponent_add_property (event, icalproperty_new_status (get_ical_status (status)));
  icalcomponent_add_property (event, icalproperty_new_sequence (get_ical_status (status) == ICAL_STATUS_CANCELLED ? 1 : 0));

  if (calbook_booking_get_created_at (booking) != 0)
    icalcomponent_add_property (event, icalproperty_new_created (to_ical_time (calbook_booking_get_created_at (booking))));
  if (calbook_booking_get_updated_at (booking) != 0)
    icalcomponent_add_property (event, icalproperty_new_lastmodified (to_ical_time (calbook_booking_get_updated_at (booking))));

  if (hosts->len > 0)
    {
      icalproperty *organizer = new_address_property (TRUE, g_ptr_array_index (hosts, 0));

      if (organizer != NULL)
        icalcomponent_add_property (event, organizer);
    }

  for (guint i = 0; i < hosts->len; i++)
    add_attendee (event, g_ptr_array_index (hosts, i), ICAL_ROLE_CHAIR, get_partstat (status, TRUE));
  for (guint i = 0; i < attendees->len; i++)
    add_attendee (event, g_ptr_array_index (attendees, i), ICAL_ROLE_REQPARTICIPANT,
                  get_partstat (status, FALSE));
  for (guint i = 0; i < guests->len; i++)
    {
      g_autoptr(CalbookPerson) guest = calbook_person_new ("", g_ptr_array_index (guests, i));

      add_attendee (event, guest, ICAL_ROLE_OPTPARTICIPANT,
                    get_ical_status (status) == ICAL_STATUS_CANCELLED ? ICAL_PARTSTAT_DECLINED
                                                                       : ICAL_PARTSTAT_NEEDSACTION);
    }

  result = take_ical_string (icalcomponent_as_ical_string_r (event));
  icalcomponent_free (event);

  return result;
}

/**
 * calbook_export_to_string:
 * @bookings: (element-type CalbookBooking): what to write, in this order
 *
 * Returns: (transfer full): the whole document
 */
char *
calbook_export_to_string (GPtrArray           *bookings,
                          CalbookExportFormat  format,
                          GTimeZone           *zone,
                          gint64               now)
{
  g_autoptr(GTimeZone) local = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (bookings != NULL, NULL);

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();

  append_head (out, format);
  append_bookings (out, bookings, format, zone, now);
  append_tail (out, format);

  return g_string_free (out, FALSE);
}
