/* calbook-booking-filter.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-booking-filter.h"
#include "calbook-booking-filter-private.h"

/* Words longer than this are cut, on both sides, so that a pasted blob of
 * text cannot grow the index without bound. */
#define MAX_WORD_CHARS 64

G_DEFINE_BOXED_TYPE (CalbookBookingFilter, calbook_booking_filter,
                     calbook_booking_filter_copy, calbook_booking_filter_free)

/* Auxiliary methods */

static void
finish_word (GString   *word,
             GPtrArray *words)
{
  g_autofree char *composed = NULL;

  g_assert (word != NULL);
  g_assert (words != NULL);

  if (word->len == 0)
    return;

  composed = g_utf8_normalize (word->str, word->len, G_NORMALIZE_DEFAULT_COMPOSE);
  g_string_truncate (word, 0);
  if (composed == NULL)
    return;

  if (g_utf8_strlen (composed, -1) > MAX_WORD_CHARS)
    *g_utf8_offset_to_pointer (composed, MAX_WORD_CHARS) = '\0';

  /* The store's index lower-cases ASCII by itself; doing it here too keeps
   * both sides byte-identical whatever case folding left behind. */
  for (char *p = composed; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);

  g_ptr_array_add (words, g_steal_pointer (&composed));
}

static void
add_words (GPtrArray  *words,
           const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *folded_decomposed = NULL;
  g_autoptr(GString) word = NULL;

  g_assert (words != NULL);

  if (text == NULL || text[0] == '\0')
    return;

  valid = g_utf8_make_valid (text, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return;
  folded = g_utf8_casefold (decomposed, -1);
  /* Case folding may produce precomposed characters again */
  folded_decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  if (folded_decomposed == NULL)
    return;

  word = g_string_new (NULL);
  for (const char *p = folded_decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;

      if (g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else
        finish_word (word, words);
    }
  finish_word (word, words);
}

static void
add_person_words (GPtrArray *words,
                  GPtrArray *people)
{
  g_assert (words != NULL);

  if (people == NULL)
    return;

  for (guint i = 0; i < people->len; i++)
    {
      CalbookPerson *person = g_ptr_array_index (people, i);

      add_words (words, person->name);
      add_words (words, person->email);
    }
}

static GPtrArray *
dup_booking_word_array (CalbookBooking *booking)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  g_assert (CALBOOK_IS_BOOKING (booking));

  add_words (words, calbook_booking_get_title (booking));
  add_words (words, calbook_booking_get_description (booking));
  add_words (words, calbook_booking_get_location (booking));
  add_words (words, calbook_booking_get_notes (booking));
  add_person_words (words, calbook_booking_get_hosts (booking));
  add_person_words (words, calbook_booking_get_attendees (booking));

  return words;
}

/* Private API */

GPtrArray *
_calbook_booking_filter_split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  add_words (words, text);
  return words;
}

char *
_calbook_booking_filter_dup_words (CalbookBooking *booking)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GString) joined = NULL;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  words = dup_booking_word_array (booking);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  joined = g_string_new (NULL);

  /* Each word once is enough for a match and keeps the index small */
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (!g_hash_table_add (seen, (gpointer) word))
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, word);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

char *
_calbook_booking_filter_dup_fts_query (const CalbookBookingFilter *self)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GString) query = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  words = _calbook_booking_filter_split_words (self->text);
  if (words->len == 0)
    return NULL;

  query = g_string_new (NULL);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (i > 0)
        g_string_append_c (query, ' ');

      /* A quoted string followed by * is a prefix token and nothing else;
       * words hold only letters and digits, but double any quote anyway. */
      g_string_append_c (query, '"');
      for (const char *p = word; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* Public API */

/**
 * calbook_booking_filter_new:
 *
 * Returns: (transfer full): a filter that lets every booking through, sorted
 *   by start time
 */
CalbookBookingFilter *
calbook_booking_filter_new (void)
{
  CalbookBookingFilter *self = g_new0 (CalbookBookingFilter, 1);

  self->status_mask = 0;
  self->user_id = 0;
  self->range_start = G_MININT64;
  self->range_end = G_MAXINT64;
  self->text = NULL;
  self->sort = CALBOOK_BOOKING_SORT_START_ASC;

  return self;
}

/**
 * calbook_booking_filter_copy:
 * @self: a filter
 *
 * Returns: (transfer full): a deep copy of @self
 */
CalbookBookingFilter *
calbook_booking_filter_copy (const CalbookBookingFilter *self)
{
  CalbookBookingFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);

  return copy;
}

/**
 * calbook_booking_filter_free:
 * @self: (nullable): a filter
 */
void
calbook_booking_filter_free (CalbookBookingFilter *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self);
}

/**
 * calbook_booking_filter_set_text:
 * @self: a filter
 * @text: (nullable): the search text as the user typed it
 */
void
calbook_booking_filter_set_text (CalbookBookingFilter *self,
                                 const char           *text)
{
  g_return_if_fail (self != NULL);

  if (self->text == text)
    return;

  g_free (self->text);
  self->text = (text != NULL && text[0] != '\0') ? g_strdup (text) : NULL;
}

/**
 * calbook_booking_filter_is_empty:
 * @self: a filter
 *
 * Returns: %TRUE when @self lets every booking through (its sort aside)
 */
gboolean
calbook_booking_filter_is_empty (const CalbookBookingFilter *self)
{
  g_autoptr(GPtrArray) words = NULL;

  g_return_val_if_fail (self != NULL, TRUE);

  if (self->status_mask != 0 &&
      (self->status_mask & CALBOOK_BOOKING_STATUS_MASK_ALL) != CALBOOK_BOOKING_STATUS_MASK_ALL)
    return FALSE;
  if (self->user_id != 0)
    return FALSE;
  if (self->range_start != G_MININT64 || self->range_end != G_MAXINT64)
    return FALSE;

  words = _calbook_booking_filter_split_words (self->text);
  return words->len == 0;
}

/**
 * calbook_booking_filter_matches:
 * @self: a filter
 * @booking: a booking
 *
 * The reference meaning of a filter, written plainly and without SQL: the
 * store's queries must select exactly the bookings this accepts.
 *
 * Returns: %TRUE when @booking passes every condition of @self
 */
gboolean
calbook_booking_filter_matches (const CalbookBookingFilter *self,
                                CalbookBooking             *booking)
{
  gint64 start;
  gint64 end;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), FALSE);

  if (self->status_mask != 0 &&
      (self->status_mask & CALBOOK_BOOKING_STATUS_MASK (calbook_booking_get_status (booking))) == 0)
    return FALSE;

  if (self->user_id != 0 && !calbook_booking_has_host (booking, self->user_id))
    return FALSE;

  start = calbook_booking_get_start (booking);
  end = calbook_booking_get_end (booking);
  if (end <= start && start < G_MAXINT64)
    end = start + 1;

  if (self->range_end != G_MAXINT64 && !(start < self->range_end))
    return FALSE;
  if (self->range_start != G_MININT64 && !(end > self->range_start))
    return FALSE;

  if (self->text != NULL)
    {
      g_autoptr(GPtrArray) wanted = _calbook_booking_filter_split_words (self->text);
      g_autoptr(GPtrArray) words = NULL;

      if (wanted->len == 0)
        return TRUE;

      words = dup_booking_word_array (booking);
      for (guint i = 0; i < wanted->len; i++)
        {
          const char *prefix = g_ptr_array_index (wanted, i);
          gboolean found = FALSE;

          for (guint j = 0; j < words->len && !found; j++)
            found = g_str_has_prefix (g_ptr_array_index (words, j), prefix);

          if (!found)
            return FALSE;
        }
    }

  return TRUE;
}
