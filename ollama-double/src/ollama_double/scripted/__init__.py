"""A deterministic scripted "model": small, readable rules instead of weights.

* ``trip``: trip facts from a request (places, dates, duration, travellers,
  interests, budget, currencies);
* ``schema``: JSON valid against the schema a client sent in ``format``;
* ``days``: planner prompts answered with ``### Day N`` sections;
* ``briefs``: a researcher's places for the interests, a weather analyst's advice;
* ``tools``: which offered tool to call and its arguments;
* ``prose``: free text that reuses the prompt's words and tool results.
"""
