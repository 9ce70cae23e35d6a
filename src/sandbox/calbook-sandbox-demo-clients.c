/* calbook-sandbox-demo-clients.c: the people who book the demo practice
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "calbook-sandbox-demo-clients.h"

/*
 * Each practitioner has a caseload of their own: clients come back to the
 * same person, not to everyone in the house. Names are put together from
 * first and family names of one origin (a Turkish first name with a Turkish
 * family name), in the proportions a Berlin, a Viennese or an online
 * practice sees, so a caseload of forty looks like forty real people.
 */

typedef struct
{
  const char * const *first;
  const char * const *last;
  const char         *language;
  const char * const *zones;          /* where they live */
  const char * const *mail;           /* the providers they use */
  gboolean            family_first;   /* "Nguyễn Thu Hà" */
} Origin;

#define NAMES(...) (const char * const[]) { __VA_ARGS__, NULL }

static const Origin german = {
  NAMES ("Leonie", "Sophie", "Paul", "Noah", "Clara", "Tobias", "Lena", "Felix", "Emma", "Maximilian", "Hannah",
         "Jakob", "Ben", "Ricarda", "Johanna", "Moritz", "Lars", "Friederike", "Theo", "Niklas", "Helga", "Ursula",
         "Klaus", "Sabine", "Jürgen", "Monika", "Lukas", "Mia", "Finn", "Greta", "Anton", "Ida", "Karl", "Frieda",
         "Wolfgang", "Petra", "Dieter", "Birgit", "Matthias", "Katrin", "Annika", "Florian", "Charlotte", "Henrik"),
  NAMES ("Schulz", "Wagner", "Fischer", "Klein", "Hoffmann", "Krüger", "Zimmermann", "Schröder", "Richter", "Braun",
         "Wolf", "Neumann", "Schmitt", "Lange", "Koch", "Schulte", "Vogel", "Hartmann", "Krause", "Schumacher",
         "Meyer", "Schneider", "Müller", "Bauer", "Lehmann", "Köhler", "Franke", "Albrecht", "Busch", "Winter",
         "Sommer", "Brandt", "Haas", "Graf", "Roth", "Frank", "Jansen", "Kühn", "Seidel", "Ludwig"),
  "de", NAMES ("Europe/Berlin"),
  NAMES ("gmx.example", "web.example", "posteo.example", "t-online.example", "gmail.example", "mailbox.example"),
  FALSE,
};

static const Origin turkish = {
  NAMES ("Mehmet", "Elif", "Aylin", "Zeynep", "Dilara", "Emre", "Can", "Ayşe", "Murat", "Selin", "Deniz", "Kerem"),
  NAMES ("Yılmaz", "Demir", "Kaya", "Arslan", "Öztürk", "Şahin", "Çelik", "Doğan", "Aydın", "Koç"),
  "tr", NAMES ("Europe/Berlin"), NAMES ("gmail.example", "web.example", "gmx.example"), FALSE,
};

static const Origin polish = {
  NAMES ("Katarzyna", "Marta", "Anna", "Tomasz", "Piotr", "Agnieszka", "Michał", "Ewa", "Paweł"),
  NAMES ("Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Zając", "Król", "Wróbel"),
  "pl", NAMES ("Europe/Berlin"), NAMES ("onet.example", "wp.example", "gmail.example"), FALSE,
};

static const Origin italian = {
  NAMES ("Chiara", "Isabella", "Marco", "Giulia", "Luca", "Francesca", "Matteo"),
  NAMES ("Esposito", "Romano", "Ricci", "Colombo", "Greco", "Bruno", "Marino"),
  "it", NAMES ("Europe/Berlin"), NAMES ("libero.example", "gmail.example"), FALSE,
};

static const Origin arabic = {
  NAMES ("Omar", "Karim", "Layla", "Yasmin", "Rami", "Nour", "Samir"),
  NAMES ("Saleh", "Mansour", "Khalil", "Nasser", "Aziz", "Hamdan"),
  "ar", NAMES ("Europe/Berlin"), NAMES ("gmail.example", "outlook.example"), FALSE,
};

static const Origin english = {
  NAMES ("Grace", "Samuel", "Emily", "James", "Olivia", "Daniel", "Priya", "Tom"),
  NAMES ("O'Connor", "Osei", "Walsh", "Bennett", "Fletcher", "Evans", "Nair", "Hughes"),
  "en", NAMES ("Europe/Berlin"), NAMES ("gmail.example", "icloud.example", "outlook.example"), FALSE,
};

static const Origin french = {
  NAMES ("Marie", "Julien", "Camille", "Louis", "Léa", "Hugo"),
  NAMES ("Dubois", "Moreau", "Laurent", "Lefèvre", "Girard", "Fournier"),
  "fr", NAMES ("Europe/Berlin"), NAMES ("orange.example", "gmail.example"), FALSE,
};

static const Origin vietnamese = {
  NAMES ("Thu Hà", "Minh Anh", "Văn Long", "Thị Lan", "Quang Huy"),
  NAMES ("Nguyễn", "Trần", "Phạm", "Lê", "Hoàng"),
  "vi", NAMES ("Europe/Berlin"), NAMES ("gmail.example"), TRUE,
};

static const Origin ukrainian = {
  NAMES ("Oksana", "Olena", "Andrii", "Iryna", "Dmytro", "Yulia"),
  NAMES ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk"),
  "uk", NAMES ("Europe/Berlin"), NAMES ("ukr.example", "gmail.example"), FALSE,
};

static const Origin austrian = {
  NAMES ("Valentina", "Stefan", "Thomas", "Miriam", "Lukas", "Sabine", "Georg", "Katharina", "Elisabeth",
         "Florian", "Theresa", "Martin", "Johanna", "Christoph", "Magdalena", "Bernhard"),
  NAMES ("Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Moser", "Steiner", "Wallner", "Egger", "Winkler",
         "Hofer", "Leitner", "Berger", "Fuchs", "Eder", "Mayr"),
  "de", NAMES ("Europe/Vienna", "Europe/Vienna", "Europe/Vienna", "Europe/Zurich"),
  NAMES ("aon.example", "gmx.example", "a1.example", "chello.example"),
  FALSE,
};

static const Origin central_european = {
  NAMES ("Petra", "Jana", "Ivana", "Tomáš", "Zsófia", "Marek", "Lucie", "Ante"),
  NAMES ("Horváth", "Dvořák", "Kovačević", "Novotný", "Szabó", "Babić", "Varga"),
  "de", NAMES ("Europe/Vienna", "Europe/Prague", "Europe/Budapest", "Europe/Zagreb"),
  NAMES ("seznam.example", "gmail.example", "chello.example"),
  FALSE,
};

static const Origin portuguese = {
  NAMES ("Rafael", "Ana", "Beatriz", "João", "Inês", "Tiago", "Mariana", "Rui"),
  NAMES ("Oliveira", "Sousa", "Costa", "Ferreira", "Santos", "Pereira", "Almeida"),
  "pt", NAMES ("Europe/Lisbon", "Europe/Lisbon", "Atlantic/Madeira", "America/Sao_Paulo"),
  NAMES ("sapo.example", "gmail.example"),
  FALSE,
};

static const Origin spanish = {
  NAMES ("Isabel", "Lucía", "Pablo", "Carmen", "Diego", "Elena"),
  NAMES ("Martín", "Herrera", "García", "López", "Navarro", "Ruiz"),
  "es", NAMES ("Europe/Madrid", "Europe/Madrid", "America/Mexico_City"),
  NAMES ("gmail.example", "outlook.example"),
  FALSE,
};

static const Origin british = {
  NAMES ("Charlotte", "Tom", "Emily", "Oliver", "Sarah", "Harry", "Amelia", "George"),
  NAMES ("Evans", "Fletcher", "Walsh", "Murphy", "Taylor", "Clarke", "Wright"),
  "en", NAMES ("Europe/London", "Europe/London", "Europe/Dublin"), NAMES ("gmail.example", "icloud.example"),
  FALSE,
};

static const Origin scandinavian = {
  NAMES ("Sven", "Astrid", "Ingrid", "Mikkel", "Freja", "Erik"),
  NAMES ("Johansson", "Lindqvist", "Jensen", "Nilsson", "Hansen", "Berg"),
  "sv", NAMES ("Europe/Stockholm", "Europe/Copenhagen", "Europe/Oslo"), NAMES ("telia.example", "gmail.example"),
  FALSE,
};

static const Origin american = {
  NAMES ("Daniel", "Rachel", "Michael", "Jessica", "David", "Megan"),
  NAMES ("Cohen", "Miller", "Johnson", "Brooks", "Reed", "Carter"),
  "en", NAMES ("America/New_York", "America/Chicago", "America/Los_Angeles"), NAMES ("gmail.example", "outlook.example"),
  FALSE,
};

typedef struct
{
  const Origin *origin;
  double        weight;
} Share;

static const Share berlin[] = {
  { &german, 0.55 }, { &turkish, 0.1 }, { &polish, 0.07 }, { &italian, 0.05 }, { &arabic, 0.06 },
  { &english, 0.05 }, { &french, 0.03 }, { &vietnamese, 0.03 }, { &ukrainian, 0.06 },
};
static const Share vienna[] = { { &austrian, 0.8 }, { &central_european, 0.2 } };
static const Share online[] = {
  { &portuguese, 0.35 }, { &spanish, 0.2 }, { &british, 0.2 }, { &scandinavian, 0.1 }, { &french, 0.05 }, { &american, 0.1 },
};

static guint
count (const char * const *names)
{
  guint n = 0;

  while (names[n] != NULL)
    n++;
  return n;
}

static const char *
pick (GRand              *rand,
      const char * const *names)
{
  return names[g_rand_int_range (rand, 0, (gint32) count (names))];
}

static const Origin *
pick_origin (GRand                    *rand,
             CalbookSandboxDemoRegion  region)
{
  const Share *shares = region == CALBOOK_SANDBOX_DEMO_REGION_VIENNA ? vienna
                        : region == CALBOOK_SANDBOX_DEMO_REGION_ONLINE ? online : berlin;
  guint n = region == CALBOOK_SANDBOX_DEMO_REGION_VIENNA ? G_N_ELEMENTS (vienna)
            : region == CALBOOK_SANDBOX_DEMO_REGION_ONLINE ? G_N_ELEMENTS (online) : G_N_ELEMENTS (berlin);
  double draw = g_rand_double (rand);

  for (guint i = 0; i < n; i++)
    {
      if (draw < shares[i].weight)
        return shares[i].origin;
      draw -= shares[i].weight;
    }

  return shares[0].origin;
}

/* "Grace O'Connor" → "grace.oconnor": letters and dots only */
static char *
mail_name (const char *first,
           const char *last)
{
  g_autofree char *joined = g_strdup_printf ("%s.%s", first, last);
  g_autofree char *ascii = g_str_to_ascii (joined, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
      else if ((*p == '.' || *p == ' ') && out->len > 0 && out->str[out->len - 1] != '.')
        g_string_append_c (out, '.');
    }

  return g_string_free (out, FALSE);
}

static void
client_free (CalbookSandboxClientSpec *client)
{
  g_free ((char *) client->name);
  g_free ((char *) client->email);
  g_free (client);
}

/**
 * calbook_sandbox_demo_clients_new_caseload:
 * @used_names: names already given (in every caseload), added to: nobody
 *   is made up twice
 *
 * Returns: (transfer full) (element-type CalbookSandboxClientSpec): up to
 *   @n_clients people a practitioner of @region sees
 */
GPtrArray *
calbook_sandbox_demo_clients_new_caseload (GRand                    *rand,
                                           CalbookSandboxDemoRegion  region,
                                           guint                     n_clients,
                                           GHashTable               *used_names)
{
  GPtrArray *clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);

  for (guint tries = 0; clients->len < n_clients && tries < n_clients * 20; tries++)
    {
      const Origin *origin = pick_origin (rand, region);
      const char *first = pick (rand, origin->first);
      const char *last = pick (rand, origin->last);
      CalbookSandboxClientSpec *client;
      g_autofree char *local = NULL;
      char *name;

      name = origin->family_first ? g_strdup_printf ("%s %s", last, first) : g_strdup_printf ("%s %s", first, last);
      if (g_hash_table_contains (used_names, name))
        {
          g_free (name);
          continue;
        }
      g_hash_table_add (used_names, name);

      local = mail_name (first, last);
      client = g_new0 (CalbookSandboxClientSpec, 1);
      client->name = g_strdup (name);
      client->email = g_strdup_printf ("%s@%s", local, pick (rand, origin->mail));
      client->time_zone = pick (rand, origin->zones);
      client->language = origin->language;
      g_ptr_array_add (clients, client);
    }

  return clients;
}
