"""Express-delivery (parcel shipment) records as a credit source, after a bank's patent (seed
``003_d17c707575a33cf9``). The whole parcel domain lives here.

The pure core (plain data in and out, no Django), in the order a file flows through it:

* ``encoding``: UTF-8 or GB18030, decided once for every file express reads.
* ``dates``: the send and receive dates couriers write.
* ``regions``: region paths, containment, the address -> region matcher, sensitive areas as paths.
* ``shipments``: streaming CSV reading and cleaning, with the cleaning report (claim 4).
* ``identity``: resident-ID and credit-code check digits, the user type (claim 5).
* ``characteristics``: the characteristic model -- values, weights, bands, thresholds.
* ``traffic``: each user's parcels in the window, aggregated from the stream.
* ``features``: region features of an individual or an enterprise (claims 6, 10).
* ``scores``: trend, sensitive-area hits, values applied, the score and its reasons (claims 8-11).
* ``calibration``: training the model on labeled users (claims 2-3).

The Django shell around it: ``models`` (regions, sensitive areas, model versions, imports,
subjects and their scores), ``services`` (imports and writes; an account's express score goes
through ``scoring.results.save_results``), ``tasks``, ``views``, ``forms``, ``admin``,
``selectors`` and the ``score_express`` / ``calibrate_express`` commands.
"""
