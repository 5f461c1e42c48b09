"""The pySHACL side of the benchmark: RDF export, SHACL shapes and the pySHACL runner."""
