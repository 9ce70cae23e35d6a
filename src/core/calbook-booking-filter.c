/* calbook-booking-filter.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-store"

#include "calbook-booking-filter.h"
#include "calbook-booking-filter-private.h"

#include <string.h>

/* Words longer than this are cut, on both sides, so that a pasted blob of
 * text cannot grow the index without bound. */
#define MAX_WORD_CHARS 64

/* A search uses at most this many words (after dropping repeats and words
 * that another word already requires), read from at most this much text:
 * enough for any real search, and a pasted page answers within a frame. */
#define MAX_SEARCH_WORDS 8
#define MAX_SEARCH_BYTES 1024

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

/* The full rule (see CalbookBookingFilter) on @length bytes of @text */
static void
add_unicode_words (GPtrArray  *words,
                   const char *text,
                   gssize      length)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *folded_decomposed = NULL;
  g_autoptr(GString) word = NULL;

  g_assert (words != NULL);

  valid = g_utf8_make_valid (text, length);
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

/*
 * The full rule, run only where it can change anything. An ASCII character
 * that is not a letter or a digit ends a word whatever is around it: no
 * decomposition, folding or mark reaches across it (marks are not ASCII,
 * and an invalid byte is replaced on its own). So the text is cut there
 * first, and a piece of plain ASCII — most of any booking — is one word
 * already: lower-cased, cut to length, no Unicode passes.
 */
/* Finds the next piece of letters, digits and non-ASCII characters from
 * *@p: %FALSE when there is none; otherwise @out_start is where it begins
 * and *@p where it ends */
static gboolean
next_piece (const char **p,
            const char **out_start,
            gboolean    *out_ascii)
{
  const char *c = *p;

  while (*c != '\0' && (guchar) *c < 0x80 && !g_ascii_isalnum (*c))
    c++;
  if (*c == '\0')
    return FALSE;

  *out_start = c;
  *out_ascii = TRUE;
  for (; *c != '\0' && ((guchar) *c >= 0x80 || g_ascii_isalnum (*c)); c++)
    {
      if ((guchar) *c >= 0x80)
        *out_ascii = FALSE;
    }

  *p = c;
  return TRUE;
}

static void
add_words (GPtrArray  *words,
           const char *text)
{
  const char *p = text;
  const char *start;
  gboolean ascii;

  g_assert (words != NULL);

  if (text == NULL)
    return;

  while (next_piece (&p, &start, &ascii))
    {

      if (ascii)
        g_ptr_array_add (words, g_ascii_strdown (start, MIN (p - start, MAX_WORD_CHARS)));
      else
        add_unicode_words (words, start, p - start);
    }
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

/* Every searchable word of @booking, repeats included: the rule itself,
 * which calbook_booking_filter_matches() applies */
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

GPtrArray *
_calbook_booking_filter_split_words_by_full_rule (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  if (text != NULL)
    add_unicode_words (words, text, -1);
  return words;
}

/*
 * A booking's words, each once, joined by spaces: what the store writes for
 * every booking a sync brings, so it is built in one buffer. A plain ASCII
 * piece is lower-cased straight into it; the words of a piece with other
 * characters come from the full rule, remembered per thread, as the same
 * names come back on booking after booking. Repeats are found in a small
 * open-addressing table of the words kept so far.
 */
typedef struct
{
  guint hash;
  guint offset;
  guint length;
} WordRef;

typedef struct
{
  GString *joined;
  GArray  *words;   /* WordRef */
  guint   *slots;   /* an index into words + 1, or 0 */
  guint    n_slots; /* a power of two, over twice the words */
} WordSet;

static void
word_set_place (WordSet *set,
                guint    index)
{
  guint slot = g_array_index (set->words, WordRef, index).hash & (set->n_slots - 1);

  while (set->slots[slot] != 0)
    slot = (slot + 1) & (set->n_slots - 1);
  set->slots[slot] = index + 1;
}

/* Pieces with non-ASCII characters and their words (joined by spaces) */
#define MAX_REMEMBERED_PIECES 4096

static void
remembered_pieces_free (gpointer data)
{
  g_hash_table_unref (data);
}

static GPrivate remembered_pieces = G_PRIVATE_INIT (remembered_pieces_free);

/* Keeps the word just appended to @set->joined at @offset, or takes it off
 * again when it is there already */
static void
word_set_end_word (WordSet *set,
                   gsize    offset)
{
  const char *word = set->joined->str + offset;
  guint length = set->joined->len - offset;
  WordRef ref = { 5381, offset, length };

  for (guint i = 0; i < length; i++)
    ref.hash = ref.hash * 33 + (guchar) word[i];

  for (guint slot = ref.hash & (set->n_slots - 1); set->slots[slot] != 0;
       slot = (slot + 1) & (set->n_slots - 1))
    {
      const WordRef *other = &g_array_index (set->words, WordRef, set->slots[slot] - 1);

      if (other->hash == ref.hash && other->length == length &&
          memcmp (set->joined->str + other->offset, word, length) == 0)
        {
          /* The space before it goes too */
          g_string_truncate (set->joined, offset > 0 ? offset - 1 : 0);
          return;
        }
    }

  g_array_append_val (set->words, ref);
  if (set->words->len * 2 > set->n_slots)
    {
      g_free (set->slots);
      set->n_slots *= 2;
      set->slots = g_new0 (guint, set->n_slots);
      for (guint i = 0; i < set->words->len; i++)
        word_set_place (set, i);
    }
  else
    {
      word_set_place (set, set->words->len - 1);
    }
}

static gsize
word_set_begin_word (WordSet *set)
{
  if (set->joined->len > 0)
    g_string_append_c (set->joined, ' ');
  return set->joined->len;
}

/* The words of a piece with non-ASCII characters, by the full rule */
static const char *
lookup_unicode_words (const char *piece,
                      gsize       length)
{
  GHashTable *remembered = g_private_get (&remembered_pieces);
  g_autofree char *key = g_strndup (piece, length);
  g_autoptr(GPtrArray) words = NULL;
  const char *joined;

  if (remembered == NULL)
    {
      remembered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_private_set (&remembered_pieces, remembered);
    }

  joined = g_hash_table_lookup (remembered, key);
  if (joined != NULL)
    return joined;

  if (g_hash_table_size (remembered) >= MAX_REMEMBERED_PIECES)
    g_hash_table_remove_all (remembered);

  words = g_ptr_array_new_with_free_func (g_free);
  add_unicode_words (words, piece, length);
  g_ptr_array_add (words, NULL);
  joined = g_strjoinv (" ", (char **) words->pdata);
  g_hash_table_insert (remembered, g_steal_pointer (&key), (char *) joined);

  return joined;
}

/* add_words(), into @set */
static void
word_set_add_text (WordSet    *set,
                   const char *text)
{
  const char *p = text;
  const char *start;
  gboolean ascii;

  if (text == NULL)
    return;

  while (next_piece (&p, &start, &ascii))
    {

      if (ascii)
        {
          gsize offset = word_set_begin_word (set);
          char *word;

          g_string_append_len (set->joined, start, MIN (p - start, MAX_WORD_CHARS));
          /* ASCII letters and digits only: what g_ascii_tolower() does,
           * without a call per character */
          for (word = set->joined->str + offset; *word != '\0'; word++)
            {
              if (*word >= 'A' && *word <= 'Z')
                *word += 'a' - 'A';
            }
          word_set_end_word (set, offset);
        }
      else
        {
          const char *words = lookup_unicode_words (start, p - start);

          while (*words != '\0')
            {
              const char *end = strchr (words, ' ');
              gsize offset;

              if (end == NULL)
                end = words + strlen (words);
              offset = word_set_begin_word (set);
              g_string_append_len (set->joined, words, end - words);
              word_set_end_word (set, offset);
              words = *end == ' ' ? end + 1 : end;
            }
        }
    }
}

static void
word_set_add_people (WordSet   *set,
                     GPtrArray *people)
{
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      CalbookPerson *person = g_ptr_array_index (people, i);

      word_set_add_text (set, person->name);
      word_set_add_text (set, person->email);
    }
}

char *
_calbook_booking_filter_dup_words (CalbookBooking *booking)
{
  WordSet set;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  set.joined = g_string_sized_new (256);
  set.words = g_array_sized_new (FALSE, FALSE, sizeof (WordRef), 64);
  set.n_slots = 128;
  set.slots = g_new0 (guint, set.n_slots);

  word_set_add_text (&set, calbook_booking_get_title (booking));
  word_set_add_text (&set, calbook_booking_get_description (booking));
  word_set_add_text (&set, calbook_booking_get_location (booking));
  word_set_add_text (&set, calbook_booking_get_notes (booking));
  word_set_add_people (&set, calbook_booking_get_hosts (booking));
  word_set_add_people (&set, calbook_booking_get_attendees (booking));

  g_array_unref (set.words);
  g_free (set.slots);
  return g_string_free (set.joined, FALSE);
}

static gboolean
is_required_by_other (GPtrArray  *words,
                      guint       index)
{
  const char *word = g_ptr_array_index (words, index);

  for (guint i = 0; i < words->len; i++)
    {
      const char *other = g_ptr_array_index (words, i);

      if (i == index || !g_str_has_prefix (other, word))
        continue;
      /* Of two equal words, the first one stays */
      if (!g_str_equal (other, word) || i < index)
        return TRUE;
    }

  return FALSE;
}

GPtrArray *
_calbook_booking_filter_dup_search_words (const char *text,
                                          gboolean   *out_cut)
{
  g_autoptr(GPtrArray) words = NULL;
  GPtrArray *kept;
  gboolean cut = FALSE;

  if (text == NULL)
    text = "";

  if (strlen (text) > MAX_SEARCH_BYTES)
    {
      const char *end = text + MAX_SEARCH_BYTES;
      g_autofree char *head = NULL;

      /* Back to the start of a character, then of a word */
      while (end > text && ((guchar) *end & 0xc0) == 0x80)
        end--;
      head = g_strndup (text, end - text);
      words = _calbook_booking_filter_split_words (head);
      /* The last word may be a piece of a longer one */
      if (words->len > 0 && g_unichar_isalnum (g_utf8_get_char_validated (end, -1)))
        g_ptr_array_remove_index (words, words->len - 1);
      cut = TRUE;
    }
  else
    {
      words = _calbook_booking_filter_split_words (text);
    }

  /* Every word must be the beginning of some word of the booking: a
   * repeated word, or one that begins another word of the search, asks
   * nothing more, so dropping it changes no result */
  kept = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < words->len; i++)
    {
      if (words->len > 1 && is_required_by_other (words, i))
        continue;
      if (kept->len == MAX_SEARCH_WORDS)
        {
          cut = TRUE;
          break;
        }
      g_ptr_array_add (kept, g_strdup (g_ptr_array_index (words, i)));
    }

  if (out_cut != NULL)
    *out_cut = cut;

  return kept;
}

char *
_calbook_booking_filter_dup_fts_query (const CalbookBookingFilter *self)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GString) query = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  words = _calbook_booking_filter_dup_search_words (self->text, NULL);
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

static GArray *
copy_ids (const GArray *ids)
{
  GArray *copy;

  if (ids == NULL)
    return NULL;

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);
  return copy;
}

static GArray *
new_ids (const gint64 *ids,
         guint         n_ids)
{
  GArray *array;

  if (ids == NULL || n_ids == 0)
    return NULL;

  array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (array, ids, n_ids);
  return array;
}

static gboolean
contains_id (const GArray *ids,
             gint64        id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

/* Hosted by one of @ids, or one of @emails is on it: the one rule of
 * calbook_booking_involves_user() for each */
static gboolean
involves_one_of (CalbookBooking  *booking,
                 const GArray    *ids,
                 const GPtrArray *emails)
{
  GPtrArray *hosts = calbook_booking_get_hosts (booking);

  for (guint i = 0; ids != NULL && i < hosts->len; i++)
    {
      CalbookPerson *host = g_ptr_array_index (hosts, i);

      if (contains_id (ids, host->user_id))
        return TRUE;
    }

  for (guint i = 0; emails != NULL && i < emails->len; i++)
    {
      if (calbook_booking_involves_user (booking, 0, g_ptr_array_index (emails, i)))
        return TRUE;
    }

  return FALSE;
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
  self->sort_column = CALBOOK_BOOKING_COLUMN_DEFAULT;

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
  copy->user_email = g_strdup (self->user_email);
  copy->user_ids = copy_ids (self->user_ids);
  copy->event_type_ids = copy_ids (self->event_type_ids);
  copy->user_emails = self->user_emails != NULL
    ? g_ptr_array_copy (self->user_emails, (GCopyFunc) g_strdup, NULL) : NULL;

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
  g_free (self->user_email);
  g_clear_pointer (&self->user_ids, g_array_unref);
  g_clear_pointer (&self->event_type_ids, g_array_unref);
  g_clear_pointer (&self->user_emails, g_ptr_array_unref);
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
 * calbook_booking_filter_set_user_email:
 * @self: a filter
 * @email: (nullable): the e-mail address of the filter's user_id
 */
void
calbook_booking_filter_set_user_email (CalbookBookingFilter *self,
                                       const char           *email)
{
  g_return_if_fail (self != NULL);

  if (self->user_email == email)
    return;

  g_free (self->user_email);
  self->user_email = (email != NULL && email[0] != '\0') ? g_strdup (email) : NULL;
}

/**
 * calbook_booking_filter_set_user_ids:
 * @self: a filter
 * @ids: (array length=n_ids) (nullable): Cal.com user ids
 * @n_ids: how many; 0 lets anyone's bookings through
 */
void
calbook_booking_filter_set_user_ids (CalbookBookingFilter *self,
                                     const gint64         *ids,
                                     guint                 n_ids)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->user_ids, g_array_unref);
  self->user_ids = new_ids (ids, n_ids);
}

/**
 * calbook_booking_filter_set_user_emails:
 * @self: a filter
 * @emails: (array zero-terminated=1) (nullable): e-mail addresses
 */
void
calbook_booking_filter_set_user_emails (CalbookBookingFilter *self,
                                        const char * const   *emails)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->user_emails, g_ptr_array_unref);
  if (emails == NULL || emails[0] == NULL)
    return;

  self->user_emails = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; emails[i] != NULL; i++)
    g_ptr_array_add (self->user_emails, g_strdup (emails[i]));
}

/**
 * calbook_booking_filter_set_event_type_ids:
 * @self: a filter
 * @ids: (array length=n_ids) (nullable): event type ids
 * @n_ids: how many; 0 lets every event type through
 */
void
calbook_booking_filter_set_event_type_ids (CalbookBookingFilter *self,
                                           const gint64         *ids,
                                           guint                 n_ids)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->event_type_ids, g_array_unref);
  self->event_type_ids = new_ids (ids, n_ids);
}

/**
 * calbook_booking_filter_get_text_cut:
 * @self: a filter
 *
 * A search uses a limited number of words from a limited length of text, so
 * that any text typed or pasted answers at once. Views say so when this
 * returns %TRUE.
 *
 * Returns: %TRUE when words of the text are left out of the search
 */
gboolean
calbook_booking_filter_get_text_cut (const CalbookBookingFilter *self)
{
  g_autoptr(GPtrArray) words = NULL;
  gboolean cut = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  words = _calbook_booking_filter_dup_search_words (self->text, &cut);
  return cut;
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
  if (self->user_ids != NULL && self->user_ids->len > 0)
    return FALSE;
  if (self->user_emails != NULL && self->user_emails->len > 0)
    return FALSE;
  if (self->event_type_ids != NULL && self->event_type_ids->len > 0)
    return FALSE;
  if (self->recurring_only)
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

  if (self->user_id != 0 &&
      !calbook_booking_involves_user (booking, self->user_id, self->user_email))
    return FALSE;

  if (((self->user_ids != NULL && self->user_ids->len > 0) ||
       (self->user_emails != NULL && self->user_emails->len > 0)) &&
      !involves_one_of (booking, self->user_ids, self->user_emails))
    return FALSE;

  if (self->event_type_ids != NULL && self->event_type_ids->len > 0 &&
      !contains_id (self->event_type_ids, calbook_booking_get_event_type_id (booking)))
    return FALSE;

  if (self->recurring_only && calbook_booking_get_recurring_booking_uid (booking) == NULL)
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
      g_autoptr(GPtrArray) wanted = _calbook_booking_filter_dup_search_words (self->text, NULL);
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
