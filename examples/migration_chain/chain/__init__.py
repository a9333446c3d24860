# The migration chain: the book's trainable examples as a TensorFlow 0.12 / Python 2 user wrote them
# in 2016, one module per inventory id. tests/parity/test_migration_chain.py converts this directory
# with `tfmigrate --target 2` and checks each converted module's parity hooks against reference_tf1.
