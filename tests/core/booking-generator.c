/* booking-generator.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "booking-generator.h"
#include "calbook-booking-column-private.h"

/* Words chosen to stress the text rule: accents, case folding that changes
 * length (ß, İ), compatibility forms (ﬁ, fullwidth, superscripts), scripts
 * other than Latin, punctuation inside words, and FTS5 syntax. */
static const char * const vocabulary[] = {
  "Élodie", "elodie", "ÉCOLE", "Straße", "STRASSE", "naïve", "Ｆｕｌｌ", "O'Brien-Smith",
  "日本語", "ﬁne", "İstanbul", "ǅemal", "Zoë", "café", "Ångström", "Dvořák", "Łódź",
  "Œuvre", "ΣΊΣΥΦΟΣ", "σίσυφος", "Привет", "ПРИВЕТ",
  "meeting", "Meet", "sync", "review",
  "42", "x²", "½", "A.B.C", "foo_bar", "e-mail", "AND", "OR", "NEAR", "NOT", "\"quoted\"",
  "*star*", "-minus", "(paren)", "consultation", "Consult", "follow-up", "Ärztin", "ärzte",
  "ñandú", "Ñu", "kindergarten", "KINDER", "tax", "taxi", "Tax-Return",
  "supercalifragilisticexpialidocious-and-then-some-more-letters-to-pass-sixty-four-chars",
};

static const char * const statuses[] = {
  "accepted", "accepted", "pending", "cancelled", "rejected", "awaiting_host", "",
};

static const char * const junk[] = {
  "AND", "OR", "NEAR(", "\"", "*", "-", "^", ":", "(", ")", "{", "+", "NOT", "'",
};

/* Auxiliary methods */

static const char *
pick (GRand             *rand,
      const char * const *items,
      guint               n_items)
{
  return items[g_rand_int_range (rand, 0, n_items)];
}

#define PICK(rand, array) pick ((rand), (array), G_N_ELEMENTS (array))

static char *
generate_text (GRand *rand,
               guint  max_words)
{
  GString *text = g_string_new (NULL);
  guint n_words = g_rand_int_range (rand, 1, max_words + 1);

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, PICK (rand, vocabulary));
    }

  return g_string_free (text, FALSE);
}

static char *
generate_email (GRand *rand)
{
  g_autofree char *local = g_utf8_strdown (PICK (rand, vocabulary), -1);

  return g_strdup_printf ("%s.%d@%s.example", local, g_rand_int_range (rand, 0, 10),
                          g_rand_boolean (rand) ? "clinic" : "firm");
}

static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%S.000Z");
}

static void
add_person (JsonBuilder *builder,
            GRand       *rand,
            gboolean     is_host)
{
  g_autofree char *name = generate_text (rand, 2);
  g_autofree char *email = generate_email (rand);

  json_builder_begin_object (builder);
  if (is_host)
    {
      gint64 id = g_rand_int_range (rand, 1, 6);

      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "username");
      json_builder_add_string_value (builder, name);
    }
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "timeZone");
  json_builder_add_string_value (builder, g_rand_boolean (rand) ? "Europe/Berlin" : "UTC");
  if (!is_host)
    {
      json_builder_set_member_name (builder, "absent");
      json_builder_add_boolean_value (builder, g_rand_int_range (rand, 0, 5) == 0);
    }
  json_builder_end_object (builder);
}

/* Public API */

guint32
test_get_seed (void)
{
  const char *env = g_getenv ("CALBOOK_TEST_SEED");
  guint32 seed;

  if (env != NULL && env[0] != '\0')
    seed = (guint32) g_ascii_strtoull (env, NULL, 10);
  else
    seed = g_random_int ();

  g_test_message ("seed %u (replay with CALBOOK_TEST_SEED=%u)", seed, seed);
  return seed;
}

char *
test_generate_booking_json (GRand      *rand,
                            const char *uid)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *updated_text = NULL;
  g_autofree char *created_text = NULL;
  g_autofree char *title = NULL;
  const char *status;
  /* A coarse grid of times, so that equal starts and updates (ties) happen */
  gint64 base = 1798761600; /* 2027-01-01 */
  gint64 start = base + (gint64) g_rand_int_range (rand, 0, 24 * 14) * 1800;
  gint64 lengths[] = { 0, 900, 1800, 3600, 5400, 86400 };
  gint64 end = start + lengths[g_rand_int_range (rand, 0, G_N_ELEMENTS (lengths))];
  gint64 updated = base - (gint64) g_rand_int_range (rand, 0, 20) * 3600;
  guint n;

  start_text = format_time (start);
  end_text = format_time (end);
  updated_text = format_time (updated);
  created_text = format_time (updated - 86400);
  title = generate_text (rand, 3);
  status = PICK (rand, statuses);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, g_rand_int_range (rand, 1, 1000000));
  json_builder_set_member_name (builder, "uid");
  json_builder_add_string_value (builder, uid);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  if (g_rand_boolean (rand))
    {
      g_autofree char *description = generate_text (rand, 4);

      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, description);
    }
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  if (g_str_equal (status, "cancelled") && g_rand_boolean (rand))
    {
      g_autofree char *to_uid = g_strdup_printf ("%s-moved", uid);

      json_builder_set_member_name (builder, "rescheduledToUid");
      json_builder_add_string_value (builder, to_uid);
      json_builder_set_member_name (builder, "cancellationReason");
      json_builder_add_string_value (builder, "Moved to another day");
    }
  json_builder_set_member_name (builder, "start");
  json_builder_add_string_value (builder, start_text);
  json_builder_set_member_name (builder, "end");
  json_builder_add_string_value (builder, end_text);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_int_value (builder, (end - start) / 60);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, created_text);
  json_builder_set_member_name (builder, "updatedAt");
  json_builder_add_string_value (builder, updated_text);
  json_builder_set_member_name (builder, "eventType");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, g_rand_int_range (rand, 1, 20));
  json_builder_set_member_name (builder, "slug");
  json_builder_add_string_value (builder, g_rand_boolean (rand) ? "30min" : "consultation");
  json_builder_end_object (builder);

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      break;
    case 1:
      json_builder_set_member_name (builder, "location");
      json_builder_add_string_value (builder, g_rand_boolean (rand) ? "https://meet.example/abc"
                                                                     : "integrations:daily");
      break;
    case 2:
      json_builder_set_member_name (builder, "location");
      json_builder_add_string_value (builder, g_rand_boolean (rand) ? "+49 30 1234567" : "12");
      break;
    default:
      {
        g_autofree char *location = generate_text (rand, 3);

        json_builder_set_member_name (builder, "location");
        json_builder_add_string_value (builder, location);
      }
      break;
    }

  if (g_rand_int_range (rand, 0, 5) == 0)
    {
      g_autofree char *series = g_strdup_printf ("series-%d", g_rand_int_range (rand, 0, 5));

      json_builder_set_member_name (builder, "recurringBookingUid");
      json_builder_add_string_value (builder, series);
    }

  json_builder_set_member_name (builder, "hosts");
  json_builder_begin_array (builder);
  n = g_rand_int_range (rand, 0, 3);
  for (guint i = 0; i < n; i++)
    add_person (builder, rand, TRUE);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "attendees");
  json_builder_begin_array (builder);
  n = g_rand_int_range (rand, 0, 4);
  for (guint i = 0; i < n; i++)
    add_person (builder, rand, FALSE);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "guests");
  json_builder_begin_array (builder);
  if (g_rand_boolean (rand))
    {
      g_autofree char *guest = generate_email (rand);

      json_builder_add_string_value (builder, guest);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "absentHost");
  json_builder_add_boolean_value (builder, g_rand_int_range (rand, 0, 8) == 0);

  json_builder_set_member_name (builder, "bookingFieldsResponses");
  json_builder_begin_object (builder);
  if (g_rand_boolean (rand))
    {
      g_autofree char *notes = generate_text (rand, 5);

      json_builder_set_member_name (builder, "notes");
      json_builder_add_string_value (builder, notes);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, "generator");
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

CalbookBooking *
test_generate_booking (GRand      *rand,
                       const char *uid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = test_generate_booking_json (rand, uid);
  CalbookBooking *booking;

  booking = calbook_booking_new_from_json_string (json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (booking);

  return booking;
}

GPtrArray *
test_generate_bookings (GRand      *rand,
                        guint       n_bookings,
                        const char *uid_prefix)
{
  GPtrArray *bookings = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_bookings; i++)
    {
      /* Random digits, so that uid order is not insertion order */
      g_autofree char *uid = g_strdup_printf ("%s%08x-%u", uid_prefix, g_rand_int (rand), i);

      g_ptr_array_add (bookings, test_generate_booking (rand, uid));
    }

  return bookings;
}

CalbookBookingFilter *
test_generate_filter (GRand     *rand,
                      GPtrArray *bookings)
{
  CalbookBookingFilter *filter = calbook_booking_filter_new ();

  if (g_rand_int_range (rand, 0, 3) != 0)
    filter->status_mask = g_rand_int_range (rand, 0, CALBOOK_BOOKING_STATUS_MASK_ALL + 1);

  if (g_rand_boolean (rand))
    filter->user_id = g_rand_int_range (rand, 1, 7);

  /* Bounds often sit exactly on a booking's start or end */
  if (g_rand_boolean (rand) && bookings->len > 0)
    {
      CalbookBooking *a = g_ptr_array_index (bookings, g_rand_int_range (rand, 0, bookings->len));
      CalbookBooking *b = g_ptr_array_index (bookings, g_rand_int_range (rand, 0, bookings->len));
      gint64 from = g_rand_boolean (rand) ? calbook_booking_get_start (a)
                                          : calbook_booking_get_end (a);
      gint64 to = g_rand_boolean (rand) ? calbook_booking_get_end (b)
                                        : calbook_booking_get_start (b);

      from += g_rand_int_range (rand, -1, 2);
      if (from > to && g_rand_int_range (rand, 0, 4) != 0)
        {
          gint64 swap = from;

          from = to;
          to = swap;
        }

      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          filter->range_start = from;
          break;
        case 1:
          filter->range_end = to;
          break;
        default:
          filter->range_start = from;
          filter->range_end = to;
          break;
        }
    }

  if (g_rand_int_range (rand, 0, 3) != 0)
    {
      GString *text = g_string_new (NULL);
      guint n_words = g_rand_int_range (rand, 1, 3);

      for (guint i = 0; i < n_words; i++)
        {
          const char *word = PICK (rand, vocabulary);
          glong length = g_utf8_strlen (word, -1);
          glong cut = g_rand_int_range (rand, 1, length + 1);
          g_autofree char *prefix = g_utf8_substring (word, 0, cut);
          g_autofree char *cased = NULL;

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              cased = g_utf8_strup (prefix, -1);
              break;
            case 1:
              cased = g_utf8_strdown (prefix, -1);
              break;
            default:
              cased = g_strdup (prefix);
              break;
            }

          if (text->len > 0)
            g_string_append_c (text, g_rand_boolean (rand) ? ' ' : '\t');
          g_string_append (text, cased);

          if (g_rand_int_range (rand, 0, 5) == 0)
            {
              g_string_append_c (text, ' ');
              g_string_append (text, PICK (rand, junk));
            }
        }

      calbook_booking_filter_set_text (filter, text->str);
      g_string_free (text, TRUE);
    }

  filter->sort = g_rand_int_range (rand, 0, CALBOOK_BOOKING_SORT_UPDATED_DESC + 1);

  /* The user's e-mail, in any case, from someone on some booking */
  if (filter->user_id != 0 && g_rand_boolean (rand) && bookings->len > 0)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings,
                                                   g_rand_int_range (rand, 0, bookings->len));
      GPtrArray *people = g_rand_boolean (rand) ? calbook_booking_get_attendees (booking)
                                                : calbook_booking_get_hosts (booking);

      if (people->len > 0)
        {
          CalbookPerson *person = g_ptr_array_index (people, 0);
          g_autofree char *email = g_rand_boolean (rand) ? g_ascii_strup (person->email, -1)
                                                         : g_strdup (person->email);

          calbook_booking_filter_set_user_email (filter, email);
        }
    }

  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      gint64 ids[3];
      guint n = g_rand_int_range (rand, 1, 4);

      for (guint i = 0; i < n; i++)
        ids[i] = g_rand_int_range (rand, 0, 7);
      calbook_booking_filter_set_user_ids (filter, ids, n);
    }

  /* Members by e-mail too, as the admin window's member filter asks */
  if (g_rand_int_range (rand, 0, 5) == 0 && bookings->len > 0)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings,
                                                   g_rand_int_range (rand, 0, bookings->len));
      GPtrArray *people = calbook_booking_get_attendees (booking);

      if (people->len > 0)
        {
          CalbookPerson *person = g_ptr_array_index (people, 0);
          g_autofree char *shouted = g_ascii_strup (person->email, -1);
          const char *emails[] = { shouted, "nobody@example.com", NULL };

          calbook_booking_filter_set_user_emails (filter, emails);
        }
    }

  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      gint64 ids[4];
      guint n = g_rand_int_range (rand, 1, 5);

      for (guint i = 0; i < n; i++)
        ids[i] = g_rand_int_range (rand, 1, 20);
      calbook_booking_filter_set_event_type_ids (filter, ids, n);
    }

  filter->recurring_only = g_rand_int_range (rand, 0, 6) == 0;

  if (g_rand_boolean (rand))
    {
      filter->sort_column = g_rand_int_range (rand, CALBOOK_BOOKING_COLUMN_START,
                                              CALBOOK_BOOKING_N_COLUMNS);
      filter->sort_descending = g_rand_boolean (rand);
    }

  return filter;
}

int
test_compare_bookings (CalbookBooking     *a,
                       CalbookBooking     *b,
                       CalbookBookingSort  sort)
{
  gint64 ka;
  gint64 kb;
  int result;

  if (sort == CALBOOK_BOOKING_SORT_UPDATED_DESC)
    {
      ka = calbook_booking_get_updated_at (b);
      kb = calbook_booking_get_updated_at (a);
      result = (ka > kb) - (ka < kb);
      if (result == 0)
        result = strcmp (calbook_booking_get_uid (b), calbook_booking_get_uid (a));
      return result;
    }

  ka = calbook_booking_get_start (a);
  kb = calbook_booking_get_start (b);
  result = (ka > kb) - (ka < kb);
  if (result == 0)
    result = strcmp (calbook_booking_get_uid (a), calbook_booking_get_uid (b));

  return sort == CALBOOK_BOOKING_SORT_START_DESC ? -result : result;
}

/* The reference order of a sort column: its key, then start, then uid */
int
test_compare_bookings_by_column (CalbookBooking       *a,
                                 CalbookBooking       *b,
                                 CalbookBookingColumn  column,
                                 gboolean              descending)
{
  int result = 0;
  gint64 ka;
  gint64 kb;

  if (column != CALBOOK_BOOKING_COLUMN_START && _calbook_booking_column_is_text (column))
    {
      g_autofree char *ta = _calbook_booking_column_dup_text (column, a);
      g_autofree char *tb = _calbook_booking_column_dup_text (column, b);

      result = strcmp (ta, tb);
    }
  else if (column != CALBOOK_BOOKING_COLUMN_START)
    {
      ka = _calbook_booking_column_get_number (column, a);
      kb = _calbook_booking_column_get_number (column, b);
      result = (ka > kb) - (ka < kb);
    }

  if (result == 0)
    {
      ka = calbook_booking_get_start (a);
      kb = calbook_booking_get_start (b);
      result = (ka > kb) - (ka < kb);
    }
  if (result == 0)
    result = strcmp (calbook_booking_get_uid (a), calbook_booking_get_uid (b));

  return descending ? -result : result;
}

static int
compare_by_filter_column (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  const CalbookBookingFilter *filter = user_data;

  return test_compare_bookings_by_column (*(CalbookBooking **) a, *(CalbookBooking **) b,
                                          filter->sort_column, filter->sort_descending);
}

static int
compare_start_asc (gconstpointer a,
                   gconstpointer b)
{
  return test_compare_bookings (*(CalbookBooking **) a, *(CalbookBooking **) b,
                                CALBOOK_BOOKING_SORT_START_ASC);
}

static int
compare_start_desc (gconstpointer a,
                    gconstpointer b)
{
  return test_compare_bookings (*(CalbookBooking **) a, *(CalbookBooking **) b,
                                CALBOOK_BOOKING_SORT_START_DESC);
}

static int
compare_updated_desc (gconstpointer a,
                      gconstpointer b)
{
  return test_compare_bookings (*(CalbookBooking **) a, *(CalbookBooking **) b,
                                CALBOOK_BOOKING_SORT_UPDATED_DESC);
}

GPtrArray *
test_filter_bookings (const CalbookBookingFilter *filter,
                      GPtrArray                  *bookings)
{
  GPtrArray *selected = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);

      if (calbook_booking_filter_matches (filter, booking))
        g_ptr_array_add (selected, g_object_ref (booking));
    }

  if (filter->sort_column != CALBOOK_BOOKING_COLUMN_DEFAULT)
    {
      g_ptr_array_sort_with_data (selected, compare_by_filter_column, (gpointer) filter);
      return selected;
    }

  switch (filter->sort)
    {
    case CALBOOK_BOOKING_SORT_START_DESC:
      g_ptr_array_sort (selected, compare_start_desc);
      break;
    case CALBOOK_BOOKING_SORT_UPDATED_DESC:
      g_ptr_array_sort (selected, compare_updated_desc);
      break;
    case CALBOOK_BOOKING_SORT_START_ASC:
    default:
      g_ptr_array_sort (selected, compare_start_asc);
      break;
    }

  return selected;
}

static void
append_ids (GString      *out,
            const GArray *ids)
{
  g_string_append_c (out, '[');
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (out, ']');
}

char *
test_describe_filter (const CalbookBookingFilter *filter)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{mask 0x%x, user %" G_GINT64_FORMAT " <%s>, range [%" G_GINT64_FORMAT
                          ", %" G_GINT64_FORMAT "), text “%s”, sort %d, column %d%s, users ",
                          filter->status_mask, filter->user_id,
                          filter->user_email ? filter->user_email : "", filter->range_start,
                          filter->range_end, filter->text ? filter->text : "", filter->sort,
                          filter->sort_column, filter->sort_descending ? " desc" : "");
  append_ids (out, filter->user_ids);
  g_string_append_printf (out, ", %u emails, event types ",
                          filter->user_emails != NULL ? filter->user_emails->len : 0);
  append_ids (out, filter->event_type_ids);
  g_string_append_printf (out, "%s}", filter->recurring_only ? ", recurring" : "");

  return g_string_free (out, FALSE);
}

char *
test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("calbook-store-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        test_remove_tree (child);
      else
        g_remove (child);
    }

  g_rmdir (path);
}
