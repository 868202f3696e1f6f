# Suites of the tokens room: RSA signing keys, RS256 JWTs, PKCE and the TLS identity.
authdeck_add_test(tst_signingkey SOURCES TestSigningKey.cpp LIBS core)
authdeck_add_test(tst_jwt SOURCES TestJwt.cpp LIBS core)
authdeck_add_test(tst_pkce SOURCES TestPkce.cpp LIBS core)
authdeck_add_test(tst_tlsidentity SOURCES TestTlsIdentity.cpp LIBS core)
