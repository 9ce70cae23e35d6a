/* calbook-json.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-json"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "calbook-json.h"

/* Deeper nesting than any Cal.com answer has; beyond it the text is refused
 * rather than walked (a hostile answer must not exhaust the stack) */
#define MAX_DEPTH 512

/* JSON numbers from JavaScript are exact integers only up to 2^53 */
#define MAX_SAFE_INTEGER ((gint64) 9007199254740992)

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
} Scanner;


/* Auxiliary methods */

static JsonNode *
get_value_node (JsonObject *object,
                const char *member)
{
  JsonNode *node;

  if (object == NULL || member == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
set_scan_error (Scanner     *scanner,
                const char  *what,
                GError     **error)
{
  g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
               /* Translators: %s says what was wrong, %lu is a byte offset */
               _("Not valid JSON: %s at byte %lu"), what,
               (unsigned long) (scanner->p - scanner->start));
  return FALSE;
}

static void
skip_space (Scanner *scanner)
{
  while (scanner->p < scanner->end &&
         (*scanner->p == ' ' || *scanner->p == '\t' || *scanner->p == '\n' || *scanner->p == '\r'))
    scanner->p++;
}

/* Finds the end of a string. A backslash skips the byte after it: whether
 * escapes and UTF-8 are valid is for the parser that reads the value to
 * decide, so that one bad string costs one item, never the whole list. */
static gboolean
scan_string (Scanner  *scanner,
             GError  **error)
{
  g_assert (scanner->p < scanner->end && *scanner->p == '"');

  scanner->p++;
  while (scanner->p < scanner->end)
    {
      const char *quote = memchr (scanner->p, '"', scanner->end - scanner->p);
      const char *backslash;

      if (quote == NULL)
        break;

      /* A quote ends the text unless an odd run of backslashes stands
       * before it: each backslash escapes the byte after it */
      backslash = quote;
      while (backslash > scanner->p && backslash[-1] == '\\')
        backslash--;

      scanner->p = quote + 1;
      if ((quote - backslash) % 2 == 0)
        return TRUE;
    }

  scanner->p = scanner->end;
  return set_scan_error (scanner, _("a text that does not end"), error);
}

static gboolean
scan_number (Scanner  *scanner,
             GError  **error)
{
  const char *first = scanner->p;

  while (scanner->p < scanner->end &&
         (g_ascii_isdigit (*scanner->p) || *scanner->p == '-' || *scanner->p == '+' ||
          *scanner->p == '.' || *scanner->p == 'e' || *scanner->p == 'E'))
    scanner->p++;

  if (scanner->p == first)
    return set_scan_error (scanner, _("an unexpected character"), error);

  return TRUE;
}

static gboolean
scan_literal (Scanner  *scanner,
              GError  **error)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize length = strlen (literals[i]);

      if ((gsize) (scanner->end - scanner->p) >= length &&
          memcmp (scanner->p, literals[i], length) == 0)
        {
          scanner->p += length;
          return TRUE;
        }
    }

  return set_scan_error (scanner, _("an unexpected word"), error);
}

static gboolean scan_value (Scanner  *scanner,
                            guint     depth,
                            GArray   *object_spans,
                            GError  **error);

/* An array; with @object_spans, the span of each element that is an object */
static gboolean
scan_array (Scanner  *scanner,
            guint     depth,
            GArray   *object_spans,
            GError  **error)
{
  g_assert (*scanner->p == '[');

  scanner->p++;
  skip_space (scanner);
  if (scanner->p < scanner->end && *scanner->p == ']')
    {
      scanner->p++;
      return TRUE;
    }

  for (;;)
    {
      const char *element;

      skip_space (scanner);
      element = scanner->p;

      if (!scan_value (scanner, depth + 1, NULL, error))
        return FALSE;

      if (object_spans != NULL && *element == '{')
        {
          CalbookJsonSpan span = { element - scanner->start, scanner->p - element };

          g_array_append_val (object_spans, span);
        }

      skip_space (scanner);
      if (scanner->p >= scanner->end)
        return set_scan_error (scanner, _("a list that does not end"), error);
      if (*scanner->p == ']')
        {
          scanner->p++;
          return TRUE;
        }
      if (*scanner->p != ',')
        return set_scan_error (scanner, _("a missing comma in a list"), error);
      scanner->p++;
    }
}

/* An object; with @member, the elements of that member's array go to
 * @member_spans (the last occurrence wins, as with json-glib) */
static gboolean
scan_object (Scanner     *scanner,
             guint        depth,
             const char  *member,
             GArray      *member_spans,
             GError     **error)
{
  gsize member_length = member != NULL ? strlen (member) : 0;

  g_assert (*scanner->p == '{');

  scanner->p++;
  skip_space (scanner);
  if (scanner->p < scanner->end && *scanner->p == '}')
    {
      scanner->p++;
      return TRUE;
    }

  for (;;)
    {
      const char *name;
      gboolean wanted;

      skip_space (scanner);
      if (scanner->p >= scanner->end || *scanner->p != '"')
        return set_scan_error (scanner, _("a missing member name"), error);

      name = scanner->p + 1;
      if (!scan_string (scanner, error))
        return FALSE;

      wanted = member != NULL &&
               (gsize) (scanner->p - 1 - name) == member_length &&
               memcmp (name, member, member_length) == 0;

      skip_space (scanner);
      if (scanner->p >= scanner->end || *scanner->p != ':')
        return set_scan_error (scanner, _("a missing colon"), error);
      scanner->p++;
      skip_space (scanner);

      if (wanted)
        g_array_set_size (member_spans, 0);

      if (wanted && scanner->p < scanner->end && *scanner->p == '[')
        {
          if (depth + 1 > MAX_DEPTH)
            return set_scan_error (scanner, _("too deep nesting"), error);
          if (!scan_array (scanner, depth + 1, member_spans, error))
            return FALSE;
        }
      else if (!scan_value (scanner, depth + 1, NULL, error))
        {
          return FALSE;
        }

      skip_space (scanner);
      if (scanner->p >= scanner->end)
        return set_scan_error (scanner, _("an object that does not end"), error);
      if (*scanner->p == '}')
        {
          scanner->p++;
          return TRUE;
        }
      if (*scanner->p != ',')
        return set_scan_error (scanner, _("a missing comma in an object"), error);
      scanner->p++;
    }
}

static gboolean
scan_value (Scanner  *scanner,
            guint     depth,
            GArray   *object_spans,
            GError  **error)
{
  skip_space (scanner);

  if (scanner->p >= scanner->end)
    return set_scan_error (scanner, _("a missing value"), error);

  if (depth > MAX_DEPTH)
    return set_scan_error (scanner, _("too deep nesting"), error);

  switch (*scanner->p)
    {
    case '{':
      return scan_object (scanner, depth, NULL, NULL, error);

    case '[':
      return scan_array (scanner, depth, object_spans, error);

    case '"':
      return scan_string (scanner, error);

    case 't':
    case 'f':
    case 'n':
      return scan_literal (scanner, error);

    default:
      return scan_number (scanner, error);
    }
}


/*
 * Reading: a strict JSON (RFC 8259) reader into json-glib trees, several
 * times faster than JsonParser, whose scanner costs most of a sync's time
 * on the main thread. Every string and member name it gives is UTF-8 and
 * every number finite or, written as one too large, infinite (as JsonParser
 * reads it, so that calbook_booking_new_from_json() refuses the same).
 */

static gpointer
read_error (Scanner     *scanner,
            const char  *what,
            GError     **error)
{
  set_scan_error (scanner, what, error);
  return NULL;
}

/* Reads a string into @buffer, which holds it until the next read;
 * returns buffer->str, or %NULL on error */
static const char *
read_string (Scanner  *scanner,
             GString  *buffer,
             GError  **error)
{
  const char *run;

  g_assert (scanner->p < scanner->end && *scanner->p == '"');

  scanner->p++;
  run = scanner->p;
  g_string_truncate (buffer, 0);

  for (;;)
    {
      gunichar c = 0;

      while (scanner->p < scanner->end && *scanner->p != '"' && *scanner->p != '\\')
        scanner->p++;

      if (scanner->p >= scanner->end)
        return read_error (scanner, _("a text that does not end"), error);

      g_string_append_len (buffer, run, scanner->p - run);

      if (*scanner->p == '"')
        {
          scanner->p++;
          if (!g_utf8_validate_len (buffer->str, buffer->len, NULL))
            return read_error (scanner, _("a text that is not UTF-8"), error);
          return buffer->str;
        }

      /* An escape */
      scanner->p++;
      if (scanner->p >= scanner->end)
        return read_error (scanner, _("a text that does not end"), error);

      switch (*scanner->p)
        {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u':
          {
            for (guint round = 0; round < 2; round++)
              {
                gunichar unit = 0;

                if (scanner->end - scanner->p < 5)
                  return read_error (scanner, _("a bad escape"), error);
                for (guint i = 1; i <= 4; i++)
                  {
                    int digit = g_ascii_xdigit_value (scanner->p[i]);

                    if (digit < 0)
                      return read_error (scanner, _("a bad escape"), error);
                    unit = unit * 16 + digit;
                  }
                scanner->p += 4;

                if (round == 0 && unit >= 0xd800 && unit < 0xdc00)
                  {
                    /* The first half of a pair: the second must follow */
                    c = unit;
                    if (scanner->end - scanner->p < 3 || scanner->p[1] != '\\' ||
                        scanner->p[2] != 'u')
                      return read_error (scanner, _("a bad escape"), error);
                    scanner->p += 2;
                    continue;
                  }
                if (round == 1)
                  {
                    if (unit < 0xdc00 || unit >= 0xe000)
                      return read_error (scanner, _("a bad escape"), error);
                    c = 0x10000 + ((c - 0xd800) << 10) + (unit - 0xdc00);
                    break;
                  }
                if (unit >= 0xdc00 && unit < 0xe000)
                  return read_error (scanner, _("a bad escape"), error);
                /* A C string cannot hold U+0000: it shows as a replacement */
                c = unit == 0 ? 0xfffd : unit;
                break;
              }
          }
          break;
        default:
          return read_error (scanner, _("a bad escape"), error);
        }

      g_string_append_unichar (buffer, c);
      scanner->p++;
      run = scanner->p;
    }
}

/* A number as RFC 8259 writes it: an integer when it has no fraction or
 * exponent and fits in 64 bits, otherwise a double */
static gboolean
parse_number (Scanner   *scanner,
              gboolean  *out_is_integer,
              gint64    *out_integer,
              double    *out_value,
              GError   **error)
{
  const char *first = scanner->p;
  gboolean integer = TRUE;
  char short_copy[64];
  g_autofree char *long_copy = NULL;
  char *copy = short_copy;
  gsize length;

  if (scanner->p < scanner->end && *scanner->p == '-')
    scanner->p++;
  if (scanner->p >= scanner->end || !g_ascii_isdigit (*scanner->p))
    return set_scan_error (scanner, _("an unexpected character"), error);
  if (*scanner->p == '0')
    scanner->p++;
  else
    while (scanner->p < scanner->end && g_ascii_isdigit (*scanner->p))
      scanner->p++;

  if (scanner->p < scanner->end && *scanner->p == '.')
    {
      integer = FALSE;
      scanner->p++;
      if (scanner->p >= scanner->end || !g_ascii_isdigit (*scanner->p))
        return set_scan_error (scanner, _("a bad number"), error);
      while (scanner->p < scanner->end && g_ascii_isdigit (*scanner->p))
        scanner->p++;
    }

  if (scanner->p < scanner->end && (*scanner->p == 'e' || *scanner->p == 'E'))
    {
      integer = FALSE;
      scanner->p++;
      if (scanner->p < scanner->end && (*scanner->p == '+' || *scanner->p == '-'))
        scanner->p++;
      if (scanner->p >= scanner->end || !g_ascii_isdigit (*scanner->p))
        return set_scan_error (scanner, _("a bad number"), error);
      while (scanner->p < scanner->end && g_ascii_isdigit (*scanner->p))
        scanner->p++;
    }

  length = scanner->p - first;

  if (length < sizeof short_copy)
    {
      memcpy (short_copy, first, length);
      short_copy[length] = '\0';
    }
  else
    {
      copy = long_copy = g_strndup (first, length);
    }

  if (integer &&
      g_ascii_string_to_signed (copy, 10, G_MININT64, G_MAXINT64, out_integer, NULL))
    {
      *out_is_integer = TRUE;
      *out_value = (double) *out_integer;
      return TRUE;
    }

  *out_is_integer = FALSE;
  *out_integer = 0;
  *out_value = g_ascii_strtod (copy, NULL);
  return TRUE;
}

static JsonNode *
read_number (Scanner  *scanner,
             GError  **error)
{
  gboolean is_integer;
  gint64 integer;
  double value;

  if (!parse_number (scanner, &is_integer, &integer, &value, error))
    return NULL;

  if (is_integer)
    return json_node_init_int (json_node_alloc (), integer);
  return json_node_init_double (json_node_alloc (), value);
}

static JsonNode *read_value (Scanner  *scanner,
                             GString  *buffer,
                             guint     depth,
                             GError  **error);

static JsonNode *
read_array (Scanner  *scanner,
            GString  *buffer,
            guint     depth,
            GError  **error)
{
  g_autoptr(JsonArray) array = json_array_new ();

  g_assert (*scanner->p == '[');

  scanner->p++;
  skip_space (scanner);
  if (scanner->p < scanner->end && *scanner->p == ']')
    {
      scanner->p++;
      return json_node_init_array (json_node_alloc (), array);
    }

  for (;;)
    {
      JsonNode *element = read_value (scanner, buffer, depth + 1, error);

      if (element == NULL)
        return NULL;
      json_array_add_element (array, element);

      skip_space (scanner);
      if (scanner->p >= scanner->end)
        return read_error (scanner, _("a list that does not end"), error);
      if (*scanner->p == ']')
        {
          scanner->p++;
          return json_node_init_array (json_node_alloc (), array);
        }
      if (*scanner->p != ',')
        return read_error (scanner, _("a missing comma in a list"), error);
      scanner->p++;
    }
}

static JsonNode *
read_object (Scanner  *scanner,
             GString  *buffer,
             guint     depth,
             GError  **error)
{
  g_autoptr(JsonObject) object = json_object_new ();

  g_assert (*scanner->p == '{');

  scanner->p++;
  skip_space (scanner);
  if (scanner->p < scanner->end && *scanner->p == '}')
    {
      scanner->p++;
      return json_node_init_object (json_node_alloc (), object);
    }

  for (;;)
    {
      g_autofree char *long_name = NULL;
      char short_name[64];
      const char *name;
      JsonNode *member;

      skip_space (scanner);
      if (scanner->p >= scanner->end || *scanner->p != '"')
        return read_error (scanner, _("a missing member name"), error);

      /* Kept aside: reading the value reuses the buffer */
      name = read_string (scanner, buffer, error);
      if (name == NULL)
        return NULL;
      if (buffer->len < sizeof short_name)
        name = memcpy (short_name, buffer->str, buffer->len + 1);
      else
        name = long_name = g_strndup (buffer->str, buffer->len);

      skip_space (scanner);
      if (scanner->p >= scanner->end || *scanner->p != ':')
        return read_error (scanner, _("a missing colon"), error);
      scanner->p++;

      member = read_value (scanner, buffer, depth + 1, error);
      if (member == NULL)
        return NULL;
      /* A repeated name: the last one wins, as with JsonParser */
      json_object_set_member (object, name, member);

      skip_space (scanner);
      if (scanner->p >= scanner->end)
        return read_error (scanner, _("an object that does not end"), error);
      if (*scanner->p == '}')
        {
          scanner->p++;
          return json_node_init_object (json_node_alloc (), object);
        }
      if (*scanner->p != ',')
        return read_error (scanner, _("a missing comma in an object"), error);
      scanner->p++;
    }
}

static JsonNode *
read_value (Scanner  *scanner,
            GString  *buffer,
            guint     depth,
            GError  **error)
{
  skip_space (scanner);

  if (scanner->p >= scanner->end)
    return read_error (scanner, _("a missing value"), error);

  if (depth > MAX_DEPTH)
    return read_error (scanner, _("too deep nesting"), error);

  switch (*scanner->p)
    {
    case '{':
      return read_object (scanner, buffer, depth, error);

    case '[':
      return read_array (scanner, buffer, depth, error);

    case '"':
      {
        const char *text = read_string (scanner, buffer, error);

        if (text == NULL)
          return NULL;
        return json_node_init_string (json_node_alloc (), text);
      }

    case 't':
    case 'f':
    case 'n':
      {
        const char *word = scanner->p;

        if (!scan_literal (scanner, error))
          return NULL;
        if (*word == 'n')
          return json_node_init_null (json_node_alloc ());
        return json_node_init_boolean (json_node_alloc (), *word == 't');
      }

    default:
      return read_number (scanner, error);
    }
}


/*
 * The pull reader: the same grammar, the same checks and the same messages
 * as read_value(), with nothing built. A reader starts with the fields of a
 * Scanner, so the scanning functions above serve both.
 */

G_STATIC_ASSERT (G_STRUCT_OFFSET (CalbookJsonReader, start) == G_STRUCT_OFFSET (Scanner, start));
G_STATIC_ASSERT (G_STRUCT_OFFSET (CalbookJsonReader, p) == G_STRUCT_OFFSET (Scanner, p));
G_STATIC_ASSERT (G_STRUCT_OFFSET (CalbookJsonReader, end) == G_STRUCT_OFFSET (Scanner, end));

#define READER_SCANNER(reader) ((Scanner *) (reader))

static GString *
get_buffer (CalbookJsonReader *reader)
{
  if (reader->buffer == NULL)
    reader->buffer = g_string_sized_new (256);
  return reader->buffer;
}

#define EVERY_BYTE(c) ((guint64) 0x0101010101010101 * (guchar) (c))

/* Whether any byte of @v is 0 (exact about "any", not about which) */
static inline guint64
has_zero_byte (guint64 v)
{
  return (v - EVERY_BYTE (1)) & ~v & EVERY_BYTE (0x80);
}

/* Skips 8 bytes at a time while none of them is a quote, a backslash, a
 * NUL or beyond ASCII; the caller looks at the rest byte by byte */
static const char *
skip_plain_ascii (const char *p,
                  const char *end)
{
  while (end - p >= 8)
    {
      guint64 v;

      memcpy (&v, p, sizeof v);
      if (has_zero_byte (v ^ EVERY_BYTE ('"')) | has_zero_byte (v ^ EVERY_BYTE ('\\')) |
          has_zero_byte (v) | (v & EVERY_BYTE (0x80)))
        break;
      p += 8;
    }

  return p;
}

/* read_string(), but text without escapes is checked where it is and not
 * copied: it comes out as a pointer into the text */
static gboolean
read_string_in_place (CalbookJsonReader  *reader,
                      const char        **value,
                      gsize              *length,
                      GError            **error)
{
  Scanner *scanner = READER_SCANNER (reader);
  const char *first = scanner->p + 1;
  const char *quote;
  gboolean special = FALSE;
  GString *buffer;

  g_assert (scanner->p < scanner->end && *scanner->p == '"');

  /* Most texts are short and plain ASCII: one pass finds the end and sees
   * whether anything needs a closer look (an escape, a byte that is not
   * ASCII, a NUL, which is not UTF-8 to GLib) */
  quote = skip_plain_ascii (first, scanner->end);
  for (; quote < scanner->end; quote++)
    {
      guchar c = (guchar) *quote;

      if (c == '"' || c == '\\')
        break;
      special |= c == 0 || c >= 0x80;
    }

  if (quote < scanner->end && *quote == '"')
    {
      scanner->p = quote + 1;
      if (special && !g_utf8_validate_len (first, quote - first, NULL))
        return set_scan_error (scanner, _("a text that is not UTF-8"), error);
      *value = first;
      *length = quote - first;
      return TRUE;
    }

  /* An escape, or no end: the reader that decodes (and says what is wrong) */
  buffer = get_buffer (reader);
  if (read_string (scanner, buffer, error) == NULL)
    return FALSE;
  *value = buffer->str;
  *length = buffer->len;
  return TRUE;
}

/* A member's name and its colon, as read_object() reads them */
static gboolean
read_member_name (CalbookJsonReader  *reader,
                  const char        **name,
                  gsize              *name_length,
                  GError            **error)
{
  Scanner *scanner = READER_SCANNER (reader);

  skip_space (scanner);
  if (scanner->p >= scanner->end || *scanner->p != '"')
    return set_scan_error (scanner, _("a missing member name"), error);
  if (!read_string_in_place (reader, name, name_length, error))
    return FALSE;

  skip_space (scanner);
  if (scanner->p >= scanner->end || *scanner->p != ':')
    return set_scan_error (scanner, _("a missing colon"), error);
  scanner->p++;
  return TRUE;
}

static gboolean skip_value (CalbookJsonReader  *reader,
                            guint               depth,
                            GError            **error);

static gboolean
skip_array (CalbookJsonReader  *reader,
            guint               depth,
            GError            **error)
{
  Scanner *scanner = READER_SCANNER (reader);

  g_assert (*scanner->p == '[');

  scanner->p++;
  skip_space (scanner);
  if (scanner->p < scanner->end && *scanner->p == ']')
    {
      scanner->p++;
      return TRUE;
    }

  for (;;)
    {
      if (!skip_value (reader, depth + 1, error))
        return FALSE;

      skip_space (scanner);
      if (scanner->p >= scanner->end)
        return set_scan_error (scanner, _("a list that does not end"), error);
      if (*scanner->p == ']')
        {
          scanner->p++;
          return TRUE;
        }
      if (*scanner->p != ',')
        return set_scan_error (scanner, _("a missing comma in a list"), error);
      scanner->p++;
    }
}

static gboolean
skip_object (CalbookJsonReader  *reader,
             guint               depth,
             GError            **error)
{
  Scanner *scanner = READER_SCANNER (reader);

  g_assert (*scanner->p == '{');

  scanner->p++;
  skip_space (scanner);
  if (scanner->p < scanner->end && *scanner->p == '}')
    {
      scanner->p++;
      return TRUE;
    }

  for (;;)
    {
      const char *name;
      gsize name_length;

      if (!read_member_name (reader, &name, &name_length, error) ||
          !skip_value (reader, depth + 1, error))
        return FALSE;

      skip_space (scanner);
      if (scanner->p >= scanner->end)
        return set_scan_error (scanner, _("an object that does not end"), error);
      if (*scanner->p == '}')
        {
          scanner->p++;
          return TRUE;
        }
      if (*scanner->p != ',')
        return set_scan_error (scanner, _("a missing comma in an object"), error);
      scanner->p++;
    }
}

/* Checks a value at @depth before reading it, as read_value() does */
static gboolean
check_value_start (CalbookJsonReader  *reader,
                   guint               depth,
                   GError            **error)
{
  Scanner *scanner = READER_SCANNER (reader);

  skip_space (scanner);

  if (scanner->p >= scanner->end)
    return set_scan_error (scanner, _("a missing value"), error);

  if (depth > MAX_DEPTH)
    return set_scan_error (scanner, _("too deep nesting"), error);

  return TRUE;
}

static gboolean
skip_value (CalbookJsonReader  *reader,
            guint               depth,
            GError            **error)
{
  Scanner *scanner = READER_SCANNER (reader);

  if (!check_value_start (reader, depth, error))
    return FALSE;

  switch (*scanner->p)
    {
    case '{':
      return skip_object (reader, depth, error);

    case '[':
      return skip_array (reader, depth, error);

    case '"':
      {
        const char *value;
        gsize length;

        return read_string_in_place (reader, &value, &length, error);
      }

    case 't':
    case 'f':
    case 'n':
      return scan_literal (scanner, error);

    default:
      {
        gboolean is_integer;
        gint64 integer;
        double value;

        if (!parse_number (scanner, &is_integer, &integer, &value, error))
          return FALSE;
        if (!isfinite (value))
          reader->non_finite = TRUE;
        return TRUE;
      }
    }
}


/* Public API */

/**
 * calbook_json_has_value:
 * @object: (nullable): a JSON object
 * @member: a member name
 *
 * Returns: %TRUE when @object has @member and it is not null
 */
gboolean
calbook_json_has_value (JsonObject *object,
                        const char *member)
{
  return get_value_node (object, member) != NULL;
}

/**
 * calbook_json_get_string:
 * @object: (nullable): a JSON object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the text of @member, or %NULL when it
 *   is absent or not text
 */
const char *
calbook_json_get_string (JsonObject *object,
                         const char *member)
{
  JsonNode *node = get_value_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * calbook_json_dup_string:
 * @object: (nullable): a JSON object
 * @member: a member name
 *
 * Returns: (transfer full) (nullable): a copy of calbook_json_get_string()
 */
char *
calbook_json_dup_string (JsonObject *object,
                         const char *member)
{
  return g_strdup (calbook_json_get_string (object, member));
}

/**
 * calbook_json_get_object:
 * @object: (nullable): a JSON object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the object @member holds
 */
JsonObject *
calbook_json_get_object (JsonObject *object,
                         const char *member)
{
  JsonNode *node = get_value_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

/**
 * calbook_json_get_array:
 * @object: (nullable): a JSON object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the array @member holds
 */
JsonArray *
calbook_json_get_array (JsonObject *object,
                        const char *member)
{
  JsonNode *node = get_value_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

/**
 * calbook_json_get_boolean:
 * @object: (nullable): a JSON object
 * @member: a member name
 * @out_value: (out): the value; left alone when absent
 *
 * Returns: %TRUE when @member is true or false
 */
gboolean
calbook_json_get_boolean (JsonObject *object,
                          const char *member,
                          gboolean   *out_value)
{
  JsonNode *node = get_value_node (object, member);

  g_return_val_if_fail (out_value != NULL, FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  *out_value = json_node_get_boolean (node);
  return TRUE;
}

/**
 * calbook_json_get_uint:
 * @object: (nullable): a JSON object
 * @member: a member name
 * @out_value: (out): the value, clamped to %G_MAXUINT; left alone when absent
 *
 * Reads a count (pagination totals and the like): any non-negative number,
 * a fraction rounded down.
 *
 * Returns: %TRUE when @member is a non-negative number
 */
gboolean
calbook_json_get_uint (JsonObject *object,
                       const char *member,
                       guint      *out_value)
{
  JsonNode *node = get_value_node (object, member);
  double value;

  g_return_val_if_fail (out_value != NULL, FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      value = (double) json_node_get_int (node);
      break;

    case G_TYPE_DOUBLE:
      value = json_node_get_double (node);
      break;

    default:
      return FALSE;
    }

  if (!isfinite (value) || value < 0)
    return FALSE;

  *out_value = (guint) MIN (value, (double) G_MAXUINT);
  return TRUE;
}

/**
 * calbook_json_node_get_id:
 * @node: (nullable): a JSON node
 * @out_value: (out): the id; left alone when @node holds none
 *
 * Reads an id the way Cal.com's serializers send them: an integer, or a
 * double without a fraction (JavaScript writes 7.0 now and then). Ids are
 * never negative and never beyond 2^53. Text is not an id here: where
 * Cal.com sends text ids (a booking's hosts), the booking says what it means.
 *
 * Returns: %TRUE when @node holds an id
 */
gboolean
calbook_json_node_get_id (JsonNode *node,
                          gint64   *out_value)
{
  gint64 value;

  g_return_val_if_fail (out_value != NULL, FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      value = json_node_get_int (node);
      break;

    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        if (!(d >= 0 && d <= (double) MAX_SAFE_INTEGER) || (double) (gint64) d != d)
          return FALSE;
        value = (gint64) d;
      }
      break;

    default:
      return FALSE;
    }

  if (value < 0 || value > MAX_SAFE_INTEGER)
    return FALSE;

  *out_value = value;
  return TRUE;
}

/**
 * calbook_json_get_id:
 * @object: (nullable): a JSON object
 * @member: a member name
 * @out_value: (out): the id; left alone when absent
 *
 * calbook_json_node_get_id() on a member. Use calbook_json_has_value() to
 * tell an absent id from one that is not an id.
 *
 * Returns: %TRUE when @member holds an id
 */
gboolean
calbook_json_get_id (JsonObject *object,
                     const char *member,
                     gint64     *out_value)
{
  return calbook_json_node_get_id (get_value_node (object, member), out_value);
}

/**
 * calbook_json_parse:
 * @text: JSON text
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @error: return location for a #JsonParserError
 *
 * Parses JSON text into a new, immutable tree.
 *
 * Returns: (transfer full) (nullable): the root, or %NULL with @error set
 */
JsonNode *
calbook_json_parse (const char  *text,
                    gssize       length,
                    GError     **error)
{
  g_autoptr(GString) buffer = NULL;
  g_autoptr(JsonNode) root = NULL;
  Scanner scanner;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  scanner.start = scanner.p = text;
  scanner.end = text + (length < 0 ? strlen (text) : (gsize) length);

  skip_space (&scanner);
  if (scanner.p >= scanner.end)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           _("Not valid JSON: the text is empty"));
      return NULL;
    }

  buffer = g_string_sized_new (256);
  root = read_value (&scanner, buffer, 0, error);
  if (root == NULL)
    return NULL;

  skip_space (&scanner);
  if (scanner.p < scanner.end)
    return read_error (&scanner, _("something after the end"), error);

  json_node_seal (root);
  return g_steal_pointer (&root);
}

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;

        case '\\':
          g_string_append (out, "\\\\");
          break;

        case '\n':
          g_string_append (out, "\\n");
          break;

        case '\r':
          g_string_append (out, "\\r");
          break;

        case '\t':
          g_string_append (out, "\\t");
          break;

        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no infinity or NaN: null is what JavaScript writes for them */
  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  /* The shortest text that reads back as the same double; "1e+308" is
   * valid JSON, unlike the "1e+308.0" json-glib's generator writes */
  g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
write_node (GString  *out,
            JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            write_string (out, name);
            g_string_append_c (out, ':');
            write_node (out, member);
          }
        g_string_append_c (out, '}');
        break;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
        break;
      }

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          write_string (out, json_node_get_string (node));
          break;

        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;

        case G_TYPE_DOUBLE:
          write_double (out, json_node_get_double (node));
          break;

        case G_TYPE_INT64:
        default:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * calbook_json_to_string:
 * @node: a JSON tree
 *
 * Writes @node as compact JSON text that always parses again: unlike
 * json-glib's generator, which writes 1e308 as "1e+308.0", numbers come out
 * as valid JSON (a non-finite one as null). Member order is kept.
 *
 * Returns: (transfer full): UTF-8 JSON text
 */
char *
calbook_json_to_string (JsonNode *node)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  write_node (out, node);
  return g_string_free (out, FALSE);
}

/**
 * calbook_json_find_items:
 * @text: JSON text: one object, such as a list answer of Cal.com
 * @length: the length of @text in bytes
 * @member: the member of that object whose array to look into ("data")
 * @spans: (element-type CalbookJsonSpan): where to append the span of each
 *   element of that array that is an object, in order
 * @error: return location for a #JsonParserError
 *
 * Finds where each item of a list answer is in the text, so that an item
 * can be read on its own and kept exactly as it was sent. The scanner checks
 * the structure of the whole text (a cut answer fails here) but not what
 * strings and numbers hold: reading or checking an item (calbook_json_parse(),
 * calbook_json_check()) does, so one unreadable item costs only that item.
 *
 * When @member is missing or not an array, nothing is appended.
 *
 * Returns: %TRUE when @text is one well-formed object
 */
gboolean
calbook_json_find_items (const char  *text,
                         gsize        length,
                         const char  *member,
                         GArray      *spans,
                         GError     **error)
{
  g_autoptr(GArray) found = NULL;
  Scanner scanner;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (spans != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (spans) == sizeof (CalbookJsonSpan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  scanner.start = text;
  scanner.p = text;
  scanner.end = text + length;
  found = g_array_new (FALSE, FALSE, sizeof (CalbookJsonSpan));

  skip_space (&scanner);
  if (scanner.p >= scanner.end || *scanner.p != '{')
    return set_scan_error (&scanner, _("not an object"), error);

  if (!scan_object (&scanner, 0, member, found, error))
    return FALSE;

  skip_space (&scanner);
  if (scanner.p != scanner.end)
    return set_scan_error (&scanner, _("text after the end"), error);

  g_array_append_vals (spans, found->data, found->len);
  return TRUE;
}


/**
 * calbook_json_reader_init:
 * @reader: a #CalbookJsonReader on the stack
 * @text: JSON text, which must outlive the reader
 * @length: its length in bytes
 *
 * Starts reading @text from its first value.
 */
void
calbook_json_reader_init (CalbookJsonReader *reader,
                          const char        *text,
                          gsize              length)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (text != NULL || length == 0);

  reader->start = reader->p = text;
  reader->end = text + length;
  reader->depth = 0;
  reader->after_open = FALSE;
  reader->non_finite = FALSE;
  reader->buffer = NULL;
}

/**
 * calbook_json_reader_clear:
 * @reader: a #CalbookJsonReader
 *
 * Frees what the reader holds; text it gave is no longer valid.
 */
void
calbook_json_reader_clear (CalbookJsonReader *reader)
{
  g_return_if_fail (reader != NULL);

  if (reader->buffer != NULL)
    g_string_free (g_steal_pointer (&reader->buffer), TRUE);
}

/**
 * calbook_json_reader_peek:
 * @reader: a #CalbookJsonReader
 *
 * Returns: what the next value is, judged by its first character
 */
CalbookJsonToken
calbook_json_reader_peek (CalbookJsonReader *reader)
{
  Scanner *scanner = READER_SCANNER (reader);

  skip_space (scanner);
  if (scanner->p >= scanner->end)
    return CALBOOK_JSON_TOKEN_NONE;

  switch (*scanner->p)
    {
    case '{':
      return CALBOOK_JSON_TOKEN_OBJECT;
    case '[':
      return CALBOOK_JSON_TOKEN_ARRAY;
    case '"':
      return CALBOOK_JSON_TOKEN_STRING;
    case 't':
    case 'f':
      return CALBOOK_JSON_TOKEN_BOOLEAN;
    case 'n':
      return CALBOOK_JSON_TOKEN_NULL;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return CALBOOK_JSON_TOKEN_NUMBER;
    default:
      return CALBOOK_JSON_TOKEN_NONE;
    }
}

/**
 * calbook_json_reader_get_offset:
 * @reader: a #CalbookJsonReader
 *
 * Returns: where the reader stands, in bytes from the start of the text
 */
gsize
calbook_json_reader_get_offset (CalbookJsonReader *reader)
{
  return reader->p - reader->start;
}

/**
 * calbook_json_reader_saw_non_finite:
 * @reader: a #CalbookJsonReader
 *
 * Returns: whether a number read or skipped so far is too large for a
 *   double (calbook_json_parse() reads it as infinity)
 */
gboolean
calbook_json_reader_saw_non_finite (CalbookJsonReader *reader)
{
  return reader->non_finite;
}

static gboolean
begin_container (CalbookJsonReader  *reader,
                 char                open,
                 GError            **error)
{
  Scanner *scanner = READER_SCANNER (reader);

  if (!check_value_start (reader, reader->depth, error))
    return FALSE;
  if (*scanner->p != open)
    return set_scan_error (scanner, _("an unexpected character"), error);

  scanner->p++;
  reader->depth++;
  reader->after_open = TRUE;
  return TRUE;
}

/* Before the next member or element: the comma, or the end of the container */
static gboolean
next_in_container (CalbookJsonReader  *reader,
                   char                close,
                   gboolean           *has_next,
                   GError            **error)
{
  Scanner *scanner = READER_SCANNER (reader);
  gboolean first = reader->after_open;

  reader->after_open = FALSE;
  skip_space (scanner);

  /* The messages are translated only when they are needed: this runs for
   * every member of every booking */
  if (!first && scanner->p >= scanner->end)
    return set_scan_error (scanner, close == '}' ? _("an object that does not end")
                                                 : _("a list that does not end"), error);

  if (scanner->p < scanner->end && *scanner->p == close)
    {
      scanner->p++;
      reader->depth--;
      *has_next = FALSE;
      return TRUE;
    }

  if (!first)
    {
      if (*scanner->p != ',')
        return set_scan_error (scanner, close == '}' ? _("a missing comma in an object")
                                                     : _("a missing comma in a list"), error);
      scanner->p++;
    }

  *has_next = TRUE;
  return TRUE;
}

/**
 * calbook_json_reader_begin_object:
 * @reader: a #CalbookJsonReader
 * @error: return location for a #JsonParserError
 *
 * Enters the object that is the next value; read its members with
 * calbook_json_reader_next_member().
 *
 * Returns: %TRUE when the next value starts an object
 */
gboolean
calbook_json_reader_begin_object (CalbookJsonReader  *reader,
                                  GError            **error)
{
  return begin_container (reader, '{', error);
}

/**
 * calbook_json_reader_next_member:
 * @reader: a #CalbookJsonReader
 * @name: (out): the member's name, decoded; valid until the next read
 * @name_length: (out): its length in bytes
 * @has_member: (out): %FALSE at the end of the object (which is then left)
 * @error: return location for a #JsonParserError
 *
 * Moves to the next member of the object entered last; its value is read
 * next (or skipped with calbook_json_reader_skip()).
 *
 * Returns: %TRUE unless the text is not valid JSON
 */
gboolean
calbook_json_reader_next_member (CalbookJsonReader  *reader,
                                 const char        **name,
                                 gsize              *name_length,
                                 gboolean           *has_member,
                                 GError            **error)
{
  if (!next_in_container (reader, '}', has_member, error))
    return FALSE;
  if (!*has_member)
    return TRUE;

  return read_member_name (reader, name, name_length, error);
}

/**
 * calbook_json_reader_begin_array:
 * @reader: a #CalbookJsonReader
 * @error: return location for a #JsonParserError
 *
 * Enters the list that is the next value; move from element to element
 * with calbook_json_reader_next_element().
 *
 * Returns: %TRUE when the next value starts a list
 */
gboolean
calbook_json_reader_begin_array (CalbookJsonReader  *reader,
                                 GError            **error)
{
  return begin_container (reader, '[', error);
}

/**
 * calbook_json_reader_next_element:
 * @reader: a #CalbookJsonReader
 * @has_element: (out): %FALSE at the end of the list (which is then left)
 * @error: return location for a #JsonParserError
 *
 * Moves to the next element of the list entered last; it is read next.
 *
 * Returns: %TRUE unless the text is not valid JSON
 */
gboolean
calbook_json_reader_next_element (CalbookJsonReader  *reader,
                                  gboolean           *has_element,
                                  GError            **error)
{
  return next_in_container (reader, ']', has_element, error);
}

/**
 * calbook_json_reader_read_string:
 * @reader: a #CalbookJsonReader
 * @value: (out): the text, decoded and UTF-8, not NUL-terminated; a pointer
 *   into the text when it has no escapes, else valid until the next read
 * @length: (out): its length in bytes
 * @error: return location for a #JsonParserError
 *
 * Returns: %TRUE when the next value is valid text
 */
gboolean
calbook_json_reader_read_string (CalbookJsonReader  *reader,
                                 const char        **value,
                                 gsize              *length,
                                 GError            **error)
{
  if (!check_value_start (reader, reader->depth, error))
    return FALSE;
  if (*reader->p != '"')
    return set_scan_error (READER_SCANNER (reader), _("an unexpected character"), error);

  return read_string_in_place (reader, value, length, error);
}

/**
 * calbook_json_reader_read_number:
 * @reader: a #CalbookJsonReader
 * @is_integer: (out): whether calbook_json_parse() reads it as an integer
 * @integer: (out): the integer, when it is one
 * @value: (out): the number as a double (an integer converted)
 * @error: return location for a #JsonParserError
 *
 * Returns: %TRUE when the next value is a number
 */
gboolean
calbook_json_reader_read_number (CalbookJsonReader  *reader,
                                 gboolean           *is_integer,
                                 gint64             *integer,
                                 double             *value,
                                 GError            **error)
{
  if (!check_value_start (reader, reader->depth, error))
    return FALSE;
  if (!parse_number (READER_SCANNER (reader), is_integer, integer, value, error))
    return FALSE;
  if (!isfinite (*value))
    reader->non_finite = TRUE;
  return TRUE;
}

/**
 * calbook_json_reader_read_boolean:
 * @reader: a #CalbookJsonReader
 * @value: (out): the value
 * @error: return location for a #JsonParserError
 *
 * Returns: %TRUE when the next value is true or false
 */
gboolean
calbook_json_reader_read_boolean (CalbookJsonReader  *reader,
                                  gboolean           *value,
                                  GError            **error)
{
  const char *word;

  if (!check_value_start (reader, reader->depth, error))
    return FALSE;
  word = reader->p;
  if (*word != 't' && *word != 'f')
    return set_scan_error (READER_SCANNER (reader), _("an unexpected word"), error);
  if (!scan_literal (READER_SCANNER (reader), error))
    return FALSE;

  *value = *word == 't';
  return TRUE;
}

/**
 * calbook_json_reader_skip:
 * @reader: a #CalbookJsonReader
 * @error: return location for a #JsonParserError
 *
 * Checks the next value, whatever it is, as calbook_json_parse() would read
 * it, and moves past it.
 *
 * Returns: %TRUE when it is valid JSON
 */
gboolean
calbook_json_reader_skip (CalbookJsonReader  *reader,
                          GError            **error)
{
  return skip_value (reader, reader->depth, error);
}

/**
 * calbook_json_reader_end:
 * @reader: a #CalbookJsonReader
 * @error: return location for a #JsonParserError
 *
 * Returns: %TRUE when only white space is left of the text
 */
gboolean
calbook_json_reader_end (CalbookJsonReader  *reader,
                         GError            **error)
{
  Scanner *scanner = READER_SCANNER (reader);

  skip_space (scanner);
  if (scanner->p < scanner->end)
    return set_scan_error (scanner, _("something after the end"), error);
  return TRUE;
}

/**
 * calbook_json_check:
 * @text: JSON text
 * @length: its length in bytes
 * @error: return location for a #JsonParserError
 *
 * Whether calbook_json_parse() would read @text, with the same error when
 * it would not, and nothing built.
 *
 * Returns: %TRUE when @text is one valid JSON value
 */
gboolean
calbook_json_check (const char  *text,
                    gsize        length,
                    GError     **error)
{
  CalbookJsonReader reader;
  gboolean ok;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  calbook_json_reader_init (&reader, text, length);

  if (calbook_json_reader_peek (&reader) == CALBOOK_JSON_TOKEN_NONE && reader.p >= reader.end)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           _("Not valid JSON: the text is empty"));
      return FALSE;
    }

  ok = calbook_json_reader_skip (&reader, error) && calbook_json_reader_end (&reader, error);
  calbook_json_reader_clear (&reader);
  return ok;
}

/**
 * calbook_json_find_members:
 * @text: JSON text of one object, already checked (calbook_json_check())
 * @length: the length of @text in bytes
 * @members: (array length=n_members): names of members of that object
 * @n_members: how many, up to 16
 * @spans: (array length=n_members) (out caller-allocates): where the value
 *   of each member is; a length of 0 when it is absent
 *
 * Finds a few members of an object without reading the rest: only the
 * structure is followed, as calbook_json_find_items() does. A repeated
 * name gives its last value, as calbook_json_parse() keeps it.
 *
 * Returns: %TRUE when @text is an object
 */
gboolean
calbook_json_find_members (const char         *text,
                           gsize               length,
                           const char * const *members,
                           guint               n_members,
                           CalbookJsonSpan    *spans)
{
  g_autoptr(GString) buffer = NULL;
  gsize lengths[16];
  Scanner scanner;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (members != NULL || n_members == 0, FALSE);
  g_return_val_if_fail (spans != NULL || n_members == 0, FALSE);

  g_return_val_if_fail (n_members <= 16, FALSE);

  memset (spans, 0, n_members * sizeof *spans);
  for (guint i = 0; i < n_members; i++)
    lengths[i] = strlen (members[i]);

  scanner.start = scanner.p = text;
  scanner.end = text + length;

  skip_space (&scanner);
  if (scanner.p >= scanner.end || *scanner.p != '{')
    return FALSE;
  scanner.p++;

  for (;;)
    {
      const char *name;
      const char *value;
      gsize name_length;
      int found = -1;

      skip_space (&scanner);
      if (scanner.p >= scanner.end || *scanner.p != '"')
        return TRUE;

      name = scanner.p + 1;
      if (!scan_string (&scanner, NULL))
        return FALSE;
      name_length = scanner.p - 1 - name;

      /* A name with escapes, read as the parser reads it */
      if (memchr (name, '\\', name_length) != NULL)
        {
          Scanner name_scanner = { text, name - 1, scanner.p };

          if (buffer == NULL)
            buffer = g_string_new (NULL);
          if (read_string (&name_scanner, buffer, NULL) == NULL)
            return FALSE;
          name = buffer->str;
          name_length = buffer->len;
        }

      for (guint i = 0; i < n_members; i++)
        if (lengths[i] == name_length && memcmp (members[i], name, name_length) == 0)
          found = i;

      skip_space (&scanner);
      if (scanner.p >= scanner.end || *scanner.p != ':')
        return FALSE;
      scanner.p++;
      skip_space (&scanner);

      value = scanner.p;
      if (!scan_value (&scanner, 1, NULL, NULL))
        return FALSE;
      if (found >= 0)
        {
          spans[found].offset = value - text;
          spans[found].length = scanner.p - value;
        }

      skip_space (&scanner);
      if (scanner.p >= scanner.end || *scanner.p != ',')
        return TRUE;
      scanner.p++;
    }
}
