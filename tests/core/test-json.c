/* test-json.c: the JSON readers and the item scanner
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-json.h"
#include <string.h>

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = calbook_json_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static void
test_readers (void)
{
  g_autoptr(JsonObject) object = parse_object ("{\"s\":\"text\",\"n\":null,\"i\":42,\"d\":7.0,"
                                               "\"f\":4.5,\"neg\":-1,\"b\":true,\"o\":{\"x\":1},"
                                               "\"a\":[1],\"sid\":\"123\",\"bad\":\"unknown\","
                                               "\"big\":1e300}");
  g_autofree char *dup = NULL;
  gboolean b = FALSE;
  guint u = 0;
  gint64 id = 0;

  g_assert_cmpstr (calbook_json_get_string (object, "s"), ==, "text");
  g_assert_null (calbook_json_get_string (object, "i"));
  g_assert_null (calbook_json_get_string (object, "n"));
  g_assert_null (calbook_json_get_string (object, "missing"));
  g_assert_null (calbook_json_get_string (NULL, "s"));
  dup = calbook_json_dup_string (object, "s");
  g_assert_cmpstr (dup, ==, "text");

  g_assert_true (calbook_json_has_value (object, "s"));
  g_assert_false (calbook_json_has_value (object, "n"));
  g_assert_false (calbook_json_has_value (object, "missing"));
  g_assert_false (calbook_json_has_value (NULL, "s"));

  g_assert_nonnull (calbook_json_get_object (object, "o"));
  g_assert_null (calbook_json_get_object (object, "a"));
  g_assert_nonnull (calbook_json_get_array (object, "a"));
  g_assert_null (calbook_json_get_array (object, "o"));
  g_assert_null (calbook_json_get_object (NULL, "o"));

  g_assert_true (calbook_json_get_boolean (object, "b", &b));
  g_assert_true (b);
  g_assert_false (calbook_json_get_boolean (object, "i", &b));

  g_assert_true (calbook_json_get_uint (object, "i", &u));
  g_assert_cmpuint (u, ==, 42);
  g_assert_true (calbook_json_get_uint (object, "f", &u));
  g_assert_cmpuint (u, ==, 4);
  g_assert_true (calbook_json_get_uint (object, "big", &u));
  g_assert_cmpuint (u, ==, G_MAXUINT);
  g_assert_false (calbook_json_get_uint (object, "neg", &u));
  g_assert_false (calbook_json_get_uint (object, "s", &u));

  g_assert_true (calbook_json_get_id (object, "i", &id));
  g_assert_cmpint (id, ==, 42);
  g_assert_true (calbook_json_get_id (object, "d", &id));
  g_assert_cmpint (id, ==, 7);
  id = 5;
  g_assert_false (calbook_json_get_id (object, "f", &id));
  g_assert_false (calbook_json_get_id (object, "neg", &id));
  g_assert_false (calbook_json_get_id (object, "sid", &id));
  g_assert_false (calbook_json_get_id (object, "bad", &id));
  g_assert_false (calbook_json_get_id (object, "big", &id));
  g_assert_false (calbook_json_get_id (object, "n", &id));
  g_assert_cmpint (id, ==, 5);
}

static void
test_parse_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = calbook_json_parse ("{\"a\":", -1, &error);
  g_assert_null (node);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_clear_error (&error);

  node = calbook_json_parse ("   ", -1, &error);
  g_assert_null (node);
  g_assert_nonnull (error);
}

static GArray *
find_items (const char  *text,
            GError     **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CalbookJsonSpan));

  if (!calbook_json_find_items (text, strlen (text), "data", spans, error))
    return NULL;

  return g_steal_pointer (&spans);
}

static char *
span_text (const char *text,
           GArray     *spans,
           guint       i)
{
  CalbookJsonSpan *span = &g_array_index (spans, CalbookJsonSpan, i);

  return g_strndup (text + span->offset, span->length);
}

static void
test_find_items (void)
{
  const char *text = " {\"status\":\"success\",\"data\" : [ {\"uid\":\"a\",\"m\":{\"x\":[1,2,{}]}} ,"
                     "{\"uid\":\"b\\\"}]\",\"n\":1e308} ,3,\"{\",[{}], {}],"
                     "\"pagination\":{\"data\":[{\"no\":1}]}} \n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = find_items (text, &error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 3);

  /* Byte for byte what was sent: 1e308 stays 1e308 */
  first = span_text (text, spans, 0);
  second = span_text (text, spans, 1);
  third = span_text (text, spans, 2);
  g_assert_cmpstr (first, ==, "{\"uid\":\"a\",\"m\":{\"x\":[1,2,{}]}}");
  g_assert_cmpstr (second, ==, "{\"uid\":\"b\\\"}]\",\"n\":1e308}");
  g_assert_cmpstr (third, ==, "{}");
}

static void
test_find_items_refuses (void)
{
  const char * const bad[] = {
    "",
    "[]",
    "{\"data\":[{\"uid\":\"a\"},{\"uid\":\"b\"",       /* cut in the middle */
    "{\"data\":[{\"uid\":\"a\"}]",                    /* cut at the end */
    "{\"data\":[{\"uid\":\"a}]}",                     /* a string that does not end */
    "{\"data\":[{\"uid\" \"a\"}]}",
    "{\"data\":[{\"uid\":\"a\"} {\"uid\":\"b\"}]}",
    "{\"data\":[nope]}",
    "{\"data\":[]} trailing",
    "{\"data\":[],}x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) spans = find_items (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (spans);
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
    }
}

static void
test_find_items_nothing (void)
{
  const char * const texts[] = {
    "{}",
    "{\"data\":{\"uid\":\"a\"}}",
    "{\"data\":[{\"uid\":\"a\"}],\"data\":null}",
    "{\"other\":[{\"uid\":\"a\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) spans = find_items (texts[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (spans->len, ==, 0);
    }
}

static void
test_find_items_deep (void)
{
  g_autoptr(GString) text = g_string_new ("{\"data\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');

  /* Refused without walking a hundred thousand frames deep */
  spans = find_items (text->str, &error);
  g_assert_null (spans);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
}

/* Every cut of a valid answer is refused: a truncated body never passes */
static void
test_find_items_every_cut (void)
{
  const char *text = "{\"status\":\"success\",\"data\":[{\"uid\":\"a\",\"t\":\"x\\\\\"},"
                     "{\"uid\":\"b\",\"n\":[1,2.5e3,true,false,null]}],"
                     "\"pagination\":{\"totalItems\":2}}";
  gsize length = strlen (text);

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CalbookJsonSpan));
      g_autoptr(GError) error = NULL;

      if (calbook_json_find_items (text, cut, "data", spans, &error))
        g_error ("a cut at %" G_GSIZE_FORMAT " passed: %.*s", cut, (int) cut, text);
    }
}

/* Item 13 of issue 6: what is written parses again, large numbers included */
static void
test_to_string (void)
{
  const char *text = "{\"big\":1e308,\"small\":-2.5e-300,\"whole\":2.0,\"int\":42,"
                     "\"s\":\"a\\\"b\\\\c\\n\\u0001\xc3\xa9\",\"l\":[true,false,null,{}],\"o\":{}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = calbook_json_parse (text, -1, &error);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *written = NULL;
  g_autofree char *by_generator = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  written = calbook_json_to_string (node);
  g_test_message ("%s", written);

  again = calbook_json_parse (written, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (node, again));

  object = json_node_get_object (again);
  g_assert_cmpfloat (json_object_get_double_member (object, "big"), ==, 1e308);
  g_assert_cmpfloat (json_object_get_double_member (object, "small"), ==, -2.5e-300);
  g_assert_cmpint (json_object_get_int_member (object, "int"), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, "a\"b\\c\n\001\xc3\xa9");
  g_assert_nonnull (strstr (written, "\"whole\":2.0"));

  /* What this replaces for stored bookings: json-glib's own generator
   * writes text that does not parse (skipped where it has been fixed) */
  json_generator_set_root (generator, node);
  by_generator = json_generator_to_data (generator, NULL);
  if (strstr (by_generator, "e+308.0") != NULL)
    {
      g_autoptr(JsonNode) broken = calbook_json_parse (by_generator, -1, &error);

      g_assert_null (broken);
      g_clear_error (&error);
    }
}

/* What JsonParser reads, the reader reads the same: the cases by hand,
 * then random trees written out with every kind of escape and spacing */
static JsonNode *
parse_by_json_glib (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_reads_like_json_glib (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ours = calbook_json_parse (text, -1, &error);
  g_autoptr(JsonNode) theirs = parse_by_json_glib (text);

  g_assert_no_error (error);
  if (!json_node_equal (ours, theirs))
    g_error ("read differently: %s", text);
  g_assert_true (json_node_is_immutable (ours));
}

static void
write_random_string (GString *out,
                     GRand   *rand)
{
  static const char * const pieces[] = {
    "a", "Z", " ", "é", "日本", "🙂", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t",
    "\\u00e9", "\\u00E9", "\\ud83d\\ude42", "\\u0041", "\\u001f", "\\u2028",
  };
  guint length = g_rand_int_range (rand, 0, 8);

  g_string_append_c (out, '"');
  for (guint i = 0; i < length; i++)
    g_string_append (out, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  g_string_append_c (out, '"');
}

static void
write_random_value (GString *out,
                    GRand   *rand,
                    guint    depth)
{
  static const char * const spaces[] = { "", " ", "\n\t ", "\r\n" };
  static const char * const numbers[] = {
    "0", "-0", "7", "-42", "9007199254740993", "-9223372036854775808", "9223372036854775807",
    "1.5", "-0.25", "2.0", "1e3", "1E-3", "-2.5e+10", "1e308", "0.1",
  };
  guint kind = g_rand_int_range (rand, 0, depth < 4 ? 7 : 5);
  const char *space = spaces[g_rand_int_range (rand, 0, G_N_ELEMENTS (spaces))];

  switch (kind)
    {
    case 0:
      g_string_append (out, numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (numbers))]);
      break;
    case 1:
      write_random_string (out, rand);
      break;
    case 2:
      g_string_append (out, g_rand_boolean (rand) ? "true" : "false");
      break;
    case 3:
      g_string_append (out, "null");
      break;
    case 4:
      g_string_append_printf (out, "%d", g_rand_int_range (rand, -1000000, 1000000));
      break;
    case 5:
    case 6:
      {
        gboolean object = kind == 5;
        guint n = g_rand_int_range (rand, 0, 5);

        g_string_append_c (out, object ? '{' : '[');
        for (guint i = 0; i < n; i++)
          {
            g_string_append_printf (out, "%s%s", i > 0 ? "," : "", space);
            if (object)
              {
                /* Names repeat now and then: the last one wins */
                if (g_rand_int_range (rand, 0, 4) == 0)
                  g_string_append (out, "\"same\"");
                else
                  write_random_string (out, rand);
                g_string_append_printf (out, "%s:%s", space, space);
              }
            write_random_value (out, rand, depth + 1);
          }
        g_string_append_printf (out, "%s%c", space, object ? '}' : ']');
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_parse_like_json_glib (void)
{
  const char * const texts[] = {
    "{}", "[]", " {\"a\" : [1, 2.5, \"x\", true, false, null, {}, []]} ", "42", "\"text\"",
    "{\"a\":1,\"a\":2}", "{\"\":\"\"}", "[[[[[[[[[[]]]]]]]]]]", "{\"n\":1e999}",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_reads_like_json_glib (texts[i]);

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      write_random_value (text, rand, 0);
      assert_reads_like_json_glib (text->str);
    }
}

/* Where JsonParser is loose or gives something else, the reader keeps to
 * the JSON standard, and whatever it gives is UTF-8 */
static void
test_parse_strict (void)
{
  const char * const refused[] = {
    "{\"a\":01}", "{'a':1}", "[1,]", "{\"a\":1,}", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"",
    "\"\\ud800\\u0041\"", "\"\\u00b\"", "{\"a\":+1}", "{\"a\":.5}", "[1.]", "[1e]", "[-]",
    "nul", "{\"a\" 1}", "{a:1}", "\"\xff\"", "{\"\xc3\":1}", "{} x", "[1] [2]", "\"abc",
    "[NaN]", "[Infinity]",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JsonNode) refused_node = NULL;

      g_test_message ("%s", refused[i]);
      refused_node = calbook_json_parse (refused[i], -1, &error);
      g_assert_null (refused_node);
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
      g_clear_error (&error);
    }

  /* A NUL byte inside the given length is not JSON either */
  node = calbook_json_parse ("[\"a\0b\"]", 7, &error);
  g_assert_null (node);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_clear_error (&error);

  /* U+0000 can't be in a C string: a replacement character stands for it */
  node = calbook_json_parse ("\"a\\u0000b\"", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (node), ==, "a\xef\xbf\xbd" "b");
  g_clear_pointer (&node, json_node_unref);

  /* Too large for 64 bits: a double, not a wrapped integer */
  node = calbook_json_parse ("99999999999999999999", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (node), ==, 1e20);
}

/* A tree built with the pull reader alone, to compare with the parser's */
static JsonNode *
build_with_reader (CalbookJsonReader *reader)
{
  switch (calbook_json_reader_peek (reader))
    {
    case CALBOOK_JSON_TOKEN_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        g_assert_true (calbook_json_reader_begin_object (reader, NULL));
        for (;;)
          {
            const char *name;
            gsize length;
            gboolean has_member;
            g_autofree char *copy = NULL;

            g_assert_true (calbook_json_reader_next_member (reader, &name, &length, &has_member,
                                                            NULL));
            if (!has_member)
              break;
            copy = g_strndup (name, length);
            json_object_set_member (object, copy, build_with_reader (reader));
          }
        return json_node_init_object (json_node_alloc (), object);
      }

    case CALBOOK_JSON_TOKEN_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_new ();

        g_assert_true (calbook_json_reader_begin_array (reader, NULL));
        for (;;)
          {
            gboolean has_element;

            g_assert_true (calbook_json_reader_next_element (reader, &has_element, NULL));
            if (!has_element)
              break;
            json_array_add_element (array, build_with_reader (reader));
          }
        return json_node_init_array (json_node_alloc (), array);
      }

    case CALBOOK_JSON_TOKEN_STRING:
      {
        const char *value;
        gsize length;
        g_autofree char *copy = NULL;

        g_assert_true (calbook_json_reader_read_string (reader, &value, &length, NULL));
        copy = g_strndup (value, length);
        return json_node_init_string (json_node_alloc (), copy);
      }

    case CALBOOK_JSON_TOKEN_NUMBER:
      {
        gboolean is_integer;
        gint64 integer;
        double value;

        g_assert_true (calbook_json_reader_read_number (reader, &is_integer, &integer, &value,
                                                        NULL));
        if (is_integer)
          return json_node_init_int (json_node_alloc (), integer);
        return json_node_init_double (json_node_alloc (), value);
      }

    case CALBOOK_JSON_TOKEN_BOOLEAN:
      {
        gboolean value;

        g_assert_true (calbook_json_reader_read_boolean (reader, &value, NULL));
        return json_node_init_boolean (json_node_alloc (), value);
      }

    case CALBOOK_JSON_TOKEN_NULL:
      g_assert_true (calbook_json_reader_skip (reader, NULL));
      return json_node_init_null (json_node_alloc ());

    case CALBOOK_JSON_TOKEN_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* Damage of every kind to valid text */
static char *
damage (GRand      *rand,
        const char *text)
{
  static const char * const junk[] = {
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "1e999", "-", ".", "e",
    "\xc3", "\xff", "t", "nul", " ", "0", "01",
  };
  GString *out = g_string_new (text);

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      g_string_truncate (out, g_rand_int_range (rand, 0, out->len + 1));
      break;
    case 1:
      g_string_insert (out, g_rand_int_range (rand, 0, out->len + 1),
                       junk[g_rand_int_range (rand, 0, G_N_ELEMENTS (junk))]);
      break;
    default:
      if (out->len > 0)
        g_string_erase (out, g_rand_int_range (rand, 0, out->len), 1);
      break;
    }

  return g_string_free (out, FALSE);
}

/* The pull reader reads what the parser reads, and calbook_json_check()
 * refuses what the parser refuses, with the same message */
static void
test_reader_like_parse (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  guint n_refused = 0;

  for (guint i = 0; i < 4000; i++)
    {
      g_autoptr(GString) valid = g_string_new (NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(GError) check_error = NULL;
      g_autoptr(JsonNode) parsed = NULL;
      gboolean checked;

      write_random_value (valid, rand, 0);
      text = i % 2 == 0 ? g_strdup (valid->str) : damage (rand, valid->str);

      parsed = calbook_json_parse (text, strlen (text), &parse_error);
      checked = calbook_json_check (text, strlen (text), &check_error);

      if ((parsed != NULL) != checked)
        g_error ("%s: parsed %d, checked %d", text, parsed != NULL, checked);

      if (parsed == NULL)
        {
          g_assert_error (check_error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
          g_assert_cmpstr (check_error->message, ==, parse_error->message);
          n_refused++;
        }
      else
        {
          CalbookJsonReader reader;
          g_autoptr(JsonNode) built = NULL;

          calbook_json_reader_init (&reader, text, strlen (text));
          built = build_with_reader (&reader);
          g_assert_true (calbook_json_reader_end (&reader, NULL));
          calbook_json_reader_clear (&reader);

          if (!json_node_equal (built, parsed))
            g_error ("read differently: %s", text);
        }
    }

  /* Bytes a text must not have, where the reader looks closer */
  {
    static const struct { const char *text; gsize length; } tricky[] = {
      { "[\"a\0b\"]", 7 }, { "{\"a\0\": 1}", 10 }, { "[\"\xc3\xa9\"]", 6 }, { "[\"\xc3\"]", 5 },
      { "[\"\xed\xa0\x80\"]", 7 }, { "[\"\\u00e9\xff\"]", 11 }, { "[\"a\\\"\"]", 7 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
      {
        g_autoptr(GError) parse_error = NULL;
        g_autoptr(GError) check_error = NULL;
        g_autoptr(JsonNode) parsed = calbook_json_parse (tricky[i].text, tricky[i].length,
                                                         &parse_error);
        gboolean checked = calbook_json_check (tricky[i].text, tricky[i].length, &check_error);

        g_assert_cmpint (parsed != NULL, ==, checked);
        if (parsed == NULL)
          g_assert_cmpstr (check_error->message, ==, parse_error->message);
      }
  }

  /* Both outcomes, or this proves little */
  g_assert_cmpuint (n_refused, >, 500);
  g_assert_cmpuint (n_refused, <, 3500);
}

/* A few members of an object found without reading it: the last of a
 * repeated name, escaped names as the parser reads them, nothing nested */
static void
test_find_members (void)
{
  static const char * const members[] = { "uid", "updatedAt", "start", "absent" };
  const char *text = "{\"x\": {\"uid\": \"inner\"}, \"uid\": \"first\", \"u\\u0069d\": \"last\", "
                     "\"updatedAt\" : [1, {\"start\": 2}] , \"start\": null}";
  CalbookJsonSpan spans[G_N_ELEMENTS (members)];

  g_assert_true (calbook_json_find_members (text, strlen (text), members, G_N_ELEMENTS (members),
                                            spans));
  g_assert_cmpmem (text + spans[0].offset, spans[0].length, "\"last\"", 6);
  g_assert_cmpmem (text + spans[1].offset, spans[1].length, "[1, {\"start\": 2}]", 17);
  g_assert_cmpmem (text + spans[2].offset, spans[2].length, "null", 4);
  g_assert_cmpuint (spans[3].length, ==, 0);

  g_assert_false (calbook_json_find_members ("[1]", 3, members, G_N_ELEMENTS (members), spans));
  g_assert_cmpuint (spans[0].length, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/readers", test_readers);
  g_test_add_func ("/json/parse-errors", test_parse_errors);
  g_test_add_func ("/json/parse-like-json-glib", test_parse_like_json_glib);
  g_test_add_func ("/json/parse-strict", test_parse_strict);
  g_test_add_func ("/json/reader-like-parse", test_reader_like_parse);
  g_test_add_func ("/json/find-members", test_find_members);
  g_test_add_func ("/json/to-string", test_to_string);
  g_test_add_func ("/json/find-items", test_find_items);
  g_test_add_func ("/json/find-items/refuses", test_find_items_refuses);
  g_test_add_func ("/json/find-items/nothing", test_find_items_nothing);
  g_test_add_func ("/json/find-items/deep", test_find_items_deep);
  g_test_add_func ("/json/find-items/every-cut", test_find_items_every_cut);

  return g_test_run ();
}
