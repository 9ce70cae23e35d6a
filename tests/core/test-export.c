/* test-export.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libical/ical.h>

#include "booking-generator.h"
#include "calbook-export.h"
#include "calbook-store.h"

/*
 * Exports of a real store file, read back: CSV with an RFC 4180 reader
 * written here from the RFC (not from the writer), iCalendar with libical's
 * parser. Every row is compared with the booking it came from.
 */

#define N_BOOKINGS 1200

typedef struct
{
  char         *dir;
  char         *store_path;
  CalbookStore *store;
  GPtrArray    *bookings;   /* in the store's order */
  GTimeZone    *zone;
} Fixture;

/* Auxiliary methods */

static CalbookBooking *
booking_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  CalbookBooking *booking = calbook_booking_new_from_json_string (json, -1, &error);

  g_assert_no_error (error);
  return booking;
}

/* Titles and names a spreadsheet would run, and every kind of CSV trouble */
static GPtrArray *
make_tricky_bookings (void)
{
  static const char *titles[] = {
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+1 555 0100",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTabbed",
    "\rReturn first",
    "Comma, \"quoted\" and\nnew line",
    "Ünïcödé 日本語 🙂",
    "",
  };
  GPtrArray *bookings = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *uid = g_strdup_printf ("tricky-%u", i);
      g_autofree char *json = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uid");
      json_builder_add_string_value (builder, uid);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, titles[i]);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, i % 2 == 0 ? "accepted" : "pending");
      json_builder_set_member_name (builder, "start");
      json_builder_add_string_value (builder, "2027-03-28T00:30:00.000Z");
      json_builder_set_member_name (builder, "end");
      json_builder_add_string_value (builder, "2027-03-28T01:30:00.000Z");
      json_builder_set_member_name (builder, "location");
      json_builder_add_string_value (builder, "=cmd|' /C calc'!A0");
      json_builder_set_member_name (builder, "hosts");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, 101);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "-Max, \"the\" Host");
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, "max@example.com");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "attendees");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "Phone Only");
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, "");
      json_builder_set_member_name (builder, "phoneNumber");
      json_builder_add_string_value (builder, "+15550100");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json = json_to_string (root, FALSE);
      g_ptr_array_add (bookings, booking_from_json (json));
    }

  return bookings;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (test_get_seed ());
  g_autoptr(GPtrArray) generated = test_generate_bookings (rand, N_BOOKINGS, "exp-");
  g_autoptr(GPtrArray) tricky = make_tricky_bookings ();
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->store_path = g_build_filename (fixture->dir, "store.sqlite", NULL);
  fixture->store = calbook_store_open (fixture->store_path, &error);
  g_assert_no_error (error);

  g_assert_true (calbook_store_upsert_bookings (fixture->store, generated, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (calbook_store_upsert_bookings (fixture->store, tricky, NULL, NULL, &error));
  g_assert_no_error (error);

  fixture->bookings = calbook_store_query_bookings (fixture->store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->bookings->len, ==, N_BOOKINGS + tricky->len);

  /* A zone with a DST change inside the data and an odd offset elsewhere */
  fixture->zone = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (fixture->zone);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->bookings, g_ptr_array_unref);
  g_clear_pointer (&fixture->zone, g_time_zone_unref);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->store_path);
}

/* RFC 4180 §2, read strictly: fails the test on anything else */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              g_assert_true (*p != '\0');
              if (p[0] == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (p[0] == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  g_string_append_c (field, *p++);
                }
            }
          g_assert_true (*p == ',' || (p[0] == '\r' && p[1] == '\n'));
        }
      else
        {
          while (*p != ',' && *p != '\r' && *p != '\0')
            {
              /* unquoted fields hold no quotes or line feeds */
              g_assert_true (*p != '"' && *p != '\n');
              g_string_append_c (field, *p++);
            }
        }

      g_ptr_array_add (record, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (*p == ',')
        {
          p++;
        }
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (records, record);
          record = g_ptr_array_new_with_free_func (g_free);
        }
    }

  g_assert_cmpuint (record->len, ==, 0);
  g_ptr_array_unref (record);
  g_string_free (field, TRUE);

  return records;
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
on_progress_cb (CalbookExport *export,
                GParamSpec    *pspec,
                GArray        *seen)
{
  double progress = calbook_export_get_progress (export);

  g_array_append_val (seen, progress);
}

static gssize
run_export (Fixture              *fixture,
            CalbookExportFormat   format,
            const char           *path,
            GArray               *progress,
            GError              **error)
{
  g_autoptr(CalbookExport) export = calbook_export_new (fixture->store_path, NULL, format,
                                                        fixture->zone);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  if (progress != NULL)
    g_signal_connect (export, "notify::progress", G_CALLBACK (on_progress_cb), progress);

  calbook_export_run_async (export, file, NULL, on_export_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* progress notifications queued before the result was delivered */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return calbook_export_run_finish (export, result, error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static char *
expected_csv_value (CalbookBooking      *booking,
                    CalbookExportColumn  column,
                    GTimeZone           *zone)
{
  g_autofree char *value = calbook_export_dup_csv_field (booking, column, zone);

  if (value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL)
    return g_strconcat ("'", value, NULL);

  return g_steal_pointer (&value);
}

static gint64
parse_iso_time (const char *text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

/* Tests */

static void
test_export_csv_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) progress = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  gssize written;
  GPtrArray *header;

  written = run_export (fixture, CALBOOK_EXPORT_FORMAT_CSV, path, progress, &error);
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, fixture->bookings->len);

  text = read_file (path);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  records = parse_csv (text);
  g_assert_cmpuint (records->len, ==, fixture->bookings->len + 1);

  header = g_ptr_array_index (records, 0);
  g_assert_cmpuint (header->len, ==, CALBOOK_EXPORT_N_COLUMNS);
  for (guint c = 0; c < CALBOOK_EXPORT_N_COLUMNS; c++)
    g_assert_cmpstr (g_ptr_array_index (header, c), ==, calbook_export_get_column_name (c));

  for (guint i = 0; i < fixture->bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (fixture->bookings, i);
      GPtrArray *record = g_ptr_array_index (records, i + 1);

      g_assert_cmpuint (record->len, ==, CALBOOK_EXPORT_N_COLUMNS);
      for (guint c = 0; c < CALBOOK_EXPORT_N_COLUMNS; c++)
        {
          g_autofree char *expected = expected_csv_value (booking, c, fixture->zone);

          g_assert_cmpstr (g_ptr_array_index (record, c), ==, expected);
        }

      /* ISO 8601 with the offset: the same instant as the booking */
      g_assert_cmpint (parse_iso_time (g_ptr_array_index (record, CALBOOK_EXPORT_COLUMN_START)),
                       ==, calbook_booking_get_start (booking));
      g_assert_cmpint (parse_iso_time (g_ptr_array_index (record, CALBOOK_EXPORT_COLUMN_END)),
                       ==, calbook_booking_get_end (booking));
    }

  /* Progress rose to the end, page by page */
  g_assert_cmpuint (progress->len, >=, 2);
  for (guint i = 1; i < progress->len; i++)
    g_assert_cmpfloat (g_array_index (progress, double, i), >=,
                       g_array_index (progress, double, i - 1));
  g_assert_cmpfloat (g_array_index (progress, double, progress->len - 1), ==, 1.0);
}

static void
test_export_csv_neutralizes (void)
{
  g_autoptr(GPtrArray) bookings = make_tricky_bookings ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *text = calbook_export_to_string (bookings, CALBOOK_EXPORT_FORMAT_CSV, utc, 0);
  g_autoptr(GPtrArray) records = parse_csv (text);
  static const char *expected_titles[] = {
    "'=HYPERLINK(\"http://evil.example\",\"click\")",
    "'+1 555 0100",
    "'-2+3",
    "'@SUM(A1:A9)",
    "'\tTabbed",
    "'\rReturn first",
    "Comma, \"quoted\" and\nnew line",
    "Ünïcödé 日本語 🙂",
    "",
  };

  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (expected_titles) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected_titles); i++)
    {
      GPtrArray *record = g_ptr_array_index (records, i + 1);

      g_assert_cmpstr (g_ptr_array_index (record, CALBOOK_EXPORT_COLUMN_TITLE), ==,
                       expected_titles[i]);
      g_assert_cmpstr (g_ptr_array_index (record, CALBOOK_EXPORT_COLUMN_LOCATION), ==,
                       "'=cmd|' /C calc'!A0");
      g_assert_cmpstr (g_ptr_array_index (record, CALBOOK_EXPORT_COLUMN_MEMBER), ==,
                       "'-Max, \"the\" Host");
      g_assert_cmpstr (g_ptr_array_index (record, CALBOOK_EXPORT_COLUMN_START), ==,
                       "2027-03-28T00:30:00+00:00");
    }

  /* The raw text: quoted only where RFC 4180 needs it, CRLF after each row */
  g_assert_true (g_str_has_prefix (text, "UID,Title,Status,Start,End,Length (minutes),"));
  g_assert_true (g_str_has_suffix (text, "\r\n"));
}

static char *
dup_address (const CalbookPerson *person)
{
  if (person->email[0] != '\0')
    return g_strconcat ("mailto:", person->email, NULL);
  if (person->phone != NULL && person->phone[0] != '\0')
    return g_strconcat ("tel:", person->phone, NULL);

  return NULL;
}

static void
check_attendee (icalproperty        *property,
                const CalbookPerson *person,
                icalparameter_role   role)
{
  g_autofree char *address = NULL;
  icalparameter *cn = icalproperty_get_first_parameter (property, ICAL_CN_PARAMETER);
  icalparameter *role_parameter = icalproperty_get_first_parameter (property, ICAL_ROLE_PARAMETER);

  address = dup_address (person);
  g_assert_cmpstr (icalproperty_get_attendee (property), ==, address);
  if (person->name[0] != '\0')
    g_assert_cmpstr (icalparameter_get_cn (cn), ==, person->name);
  g_assert_nonnull (role_parameter);
  g_assert_cmpint (icalparameter_get_role (role_parameter), ==, role);
}

static icalparameter_partstat
get_partstat (icalproperty *property)
{
  icalparameter *parameter = icalproperty_get_first_parameter (property, ICAL_PARTSTAT_PARAMETER);

  g_assert_nonnull (parameter);
  return icalparameter_get_partstat (parameter);
}

/* What a calendar can hold: no control characters but line feeds, no
 * blanks at either end, nothing when nothing is left */
static char *
expected_ical_text (const char *text)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;

  if (text == NULL)
    return NULL;

  parts = g_strsplit_set (text, "\t\r\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                "\x1d\x1e\x1f", -1);
  joined = g_strstrip (g_strjoinv (" ", parts));

  return joined[0] != '\0' ? g_steal_pointer (&joined) : NULL;
}

static void
check_event (icalcomponent  *event,
             CalbookBooking *booking)
{
  CalbookBookingStatus status = calbook_booking_get_status (booking);
  gboolean cancelled = status == CALBOOK_BOOKING_STATUS_CANCELLED ||
                       status == CALBOOK_BOOKING_STATUS_RESCHEDULED ||
                       status == CALBOOK_BOOKING_STATUS_DECLINED;
  gboolean tentative = status == CALBOOK_BOOKING_STATUS_PENDING ||
                       status == CALBOOK_BOOKING_STATUS_OTHER;
  GPtrArray *hosts = calbook_booking_get_hosts (booking);
  GPtrArray *attendees = calbook_booking_get_attendees (booking);
  GPtrArray *guests = calbook_booking_get_guests (booking);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  struct icaltimetype start = icalcomponent_get_dtstart (event);
  struct icaltimetype end = icalcomponent_get_dtend (event);
  g_autofree char *address = NULL;
  icalproperty *property;
  guint n = 0;

  g_assert_cmpstr (icalcomponent_get_uid (event), ==, calbook_booking_get_uid (booking));
  g_autofree char *summary = expected_ical_text (calbook_booking_get_title (booking));
  g_autofree char *location = expected_ical_text (calbook_booking_get_location (booking));

  g_assert_cmpstr (icalcomponent_get_summary (event), ==, summary);
  g_assert_true (icaltime_is_utc (start));
  g_assert_true (icaltime_is_utc (end));
  g_assert_cmpint (icaltime_as_timet (start), ==, calbook_booking_get_start (booking));
  g_assert_cmpint (icaltime_as_timet (end), ==, calbook_booking_get_end (booking));
  g_assert_cmpstr (icalcomponent_get_location (event), ==, location);
  g_assert_cmpint (icalcomponent_get_status (event), ==,
                   cancelled ? ICAL_STATUS_CANCELLED
                             : tentative ? ICAL_STATUS_TENTATIVE : ICAL_STATUS_CONFIRMED);
  g_assert_cmpint (icalcomponent_get_sequence (event), ==, cancelled ? 1 : 0);

  property = icalcomponent_get_first_property (event, ICAL_ORGANIZER_PROPERTY);
  if (hosts->len > 0 && (address = dup_address (g_ptr_array_index (hosts, 0))) != NULL)
    {
      g_assert_nonnull (property);
      g_assert_cmpstr (icalproperty_get_organizer (property), ==, address);
    }
  else
    {
      g_assert_null (property);
    }

  /* Every person with an address, in order: hosts, attendees, guests */
  for (property = icalcomponent_get_first_property (event, ICAL_ATTENDEE_PROPERTY);
       property != NULL;
       property = icalcomponent_get_next_property (event, ICAL_ATTENDEE_PROPERTY))
    g_ptr_array_add (expected, property);

  for (guint i = 0; i < hosts->len; i++)
    {
      CalbookPerson *host = g_ptr_array_index (hosts, i);

      g_autofree char *host_address = dup_address (host);

      if (host_address == NULL)
        continue;
      g_assert_cmpuint (n, <, expected->len);
      check_attendee (g_ptr_array_index (expected, n), host, ICAL_ROLE_CHAIR);
      g_assert_cmpint (get_partstat (g_ptr_array_index (expected, n)), ==,
                       cancelled ? ICAL_PARTSTAT_DECLINED
                                 : tentative ? ICAL_PARTSTAT_NEEDSACTION : ICAL_PARTSTAT_ACCEPTED);
      n++;
    }
  for (guint i = 0; i < attendees->len; i++)
    {
      CalbookPerson *attendee = g_ptr_array_index (attendees, i);

      g_autofree char *attendee_address = dup_address (attendee);

      if (attendee_address == NULL)
        continue;
      g_assert_cmpuint (n, <, expected->len);
      check_attendee (g_ptr_array_index (expected, n), attendee, ICAL_ROLE_REQPARTICIPANT);
      g_assert_cmpint (get_partstat (g_ptr_array_index (expected, n)), ==,
                       cancelled ? ICAL_PARTSTAT_DECLINED : ICAL_PARTSTAT_ACCEPTED);
      n++;
    }
  for (guint i = 0; i < guests->len; i++)
    {
      g_autoptr(CalbookPerson) guest = calbook_person_new ("", g_ptr_array_index (guests, i));

      g_assert_cmpuint (n, <, expected->len);
      check_attendee (g_ptr_array_index (expected, n), guest, ICAL_ROLE_OPTPARTICIPANT);
      n++;
    }
  g_assert_cmpuint (n, ==, expected->len);
}

static void
test_export_ics_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "out.ics", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  guint i = 0;
  gssize written;

  written = run_export (fixture, CALBOOK_EXPORT_FORMAT_ICALENDAR, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, fixture->bookings->len);

  text = read_file (path);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpstr (icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY) != NULL
                   ? icalproperty_get_version (icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY))
                   : NULL, ==, "2.0");
  g_assert_nonnull (icalcomponent_get_first_property (calendar, ICAL_PRODID_PROPERTY));

  /* libical finds nothing to complain about (it adds X-LIC-ERROR otherwise) */
  if (icalcomponent_count_errors (calendar) != 0)
    {
      char *dump = icalcomponent_as_ical_string_r (calendar);
      const char *error_line = strstr (dump, "X-LIC-ERROR");

      g_test_message ("%.*s", 600, error_line != NULL ? error_line - 300 : dump);
      icalmemory_free_buffer (dump);
    }
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_assert_cmpuint (i, <, fixture->bookings->len);
      check_event (event, g_ptr_array_index (fixture->bookings, i));
      g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_DTSTAMP_PROPERTY));
      i++;
    }
  g_assert_cmpuint (i, ==, fixture->bookings->len);

  icalcomponent_free (calendar);
}

static void
test_export_failure_keeps_file (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "out.csv", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "kept.csv", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookExport) export = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_cmpint (run_export (fixture, CALBOOK_EXPORT_FORMAT_CSV, missing, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Cancelled: the file that was there stays as it was */
  g_assert_true (g_file_set_contents (path, "earlier", -1, &error));
  export = calbook_export_new (fixture->store_path, NULL, CALBOOK_EXPORT_FORMAT_CSV, NULL);
  file = g_file_new_for_path (path);
  g_cancellable_cancel (cancellable);
  calbook_export_run_async (export, file, cancellable, on_export_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (calbook_export_run_finish (export, result, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  kept = read_file (path);
  g_assert_cmpstr (kept, ==, "earlier");
}

static void
test_export_follows_filter (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(CalbookExport) export = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "pending.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint expected;

  filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING);
  expected = calbook_store_count_bookings (fixture->store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected, >, 0);

  export = calbook_export_new (fixture->store_path, filter, CALBOOK_EXPORT_FORMAT_CSV, fixture->zone);
  calbook_export_run_async (export, file, NULL, on_export_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (calbook_export_run_finish (export, result, &error), ==, expected);
  g_assert_no_error (error);

  text = read_file (path);
  records = parse_csv (text);
  g_assert_cmpuint (records->len, ==, expected + 1);
  for (guint i = 1; i < records->len; i++)
    g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (records, i),
                                        CALBOOK_EXPORT_COLUMN_STATUS), ==,
                     calbook_booking_status_to_label (CALBOOK_BOOKING_STATUS_PENDING));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export/csv/round-trip", Fixture, NULL,
              fixture_set_up, test_export_csv_round_trip, fixture_tear_down);
  g_test_add_func ("/export/csv/neutralizes", test_export_csv_neutralizes);
  g_test_add ("/export/ics/round-trip", Fixture, NULL,
              fixture_set_up, test_export_ics_round_trip, fixture_tear_down);
  g_test_add ("/export/failure-keeps-file", Fixture, NULL,
              fixture_set_up, test_export_failure_keeps_file, fixture_tear_down);
  g_test_add ("/export/follows-filter", Fixture, NULL,
              fixture_set_up, test_export_follows_filter, fixture_tear_down);

  return g_test_run ();
}
