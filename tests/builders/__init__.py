"""What tests of several apps build on: courses and their records, roles, brokers, programmes, an HR world.

A test module or conftest imports from here or from tests.factories, never from another app's tests,
so moving or deleting one app's tests cannot break another's.
"""
