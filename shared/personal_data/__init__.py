"""Personal data kept so that it can be erased from an append-only log (crypto-shredding).

Every field the schemas mark `x-personal-data` is sealed with a key of its own data subject (a
child by case reference, a member of staff, a complainant) before it leaves a service; the
keys live in a key ring, wrapped by a master key. Erasing a subject destroys their keys: the
sealed copies on Kafka, in outboxes and in backups can then never be read again, while the
events around them (counts, grades, dates) stay whole.

- `sealing`: pure sealing and opening of values and of an event's marked fields (AES-GCM).
- `master_key`: the local master key (a file under var/, created once, owner-only).
- `keyring`: the subjects' keys behind one small interface; locally a store collection.
"""
