"""Role ranking in the strategic triangle, from Wu Yu-Shan (1996).

Wu, Y.-S. (1996). Exploring Dual Triangles: The Development of Taipei-Washington-Beijing
Relations. Issues & Studies 32(10), 26-52; the table of roles on p. 30 lists, for each
role, the number of amicable relations the role has with the other two players and the
role's rank by desirability. Dittmer (1981), World Politics 33(4), 485-515, defines the
configurations the roles belong to.
"""

# role: (amicable relations with the other two, rank: 1 = most desirable)
ROLES = {
    "pivot": (2, 1),
    "friend": (2, 2),
    "partner": (1, 3),
    "wing": (1, 4),
    "foe": (0, 5),
    "pariah": (0, 6),
}
