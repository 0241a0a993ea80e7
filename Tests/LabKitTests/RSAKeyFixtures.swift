/// A 2048-bit RSA key made with OpenSSL 3.0 for the key-coding tests, in every form the kit reads and writes:
///
///     openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out pkcs8.pem
///     openssl rsa -in pkcs8.pem -traditional -out pkcs1.pem
///     openssl pkey -in pkcs8.pem -pubout -out spki.pem
///     openssl rsa -in pkcs8.pem -RSAPublicKey_out -out pkcs1pub.pem
///
/// and its numbers as `openssl rsa -in pkcs8.pem -text -noout` prints them, in hex without the colons.
/// A test key, published here: never use it for anything.
enum RSAKeyFixtures {
    /// `pkcs8.pem`.
    static let pkcs8PEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCxoeO9UymWArit
        9CiQcd3DRtMby3W2g4CalZ/xO4YUSrqurVjTOvl3xBmM4og299d8L/nO0kOj5w33
        FnFxUA4AQXgbe27SrEf2Ov7ubI1hnQz5+UC+wA6j81jBNWj20FBds3+HS982ji4g
        oZI7/Gp9wQfoC9kL6ZIjB6U3zVffDSVa+8Y4/3FWcXHKI+XndJoGKJD/d7oRHUbf
        dEgcLXuHIT7CZPZhoq9rfpomfC4/1BD01+2vcfQTpSb0Esl5SIudmJajZFD0XPrL
        cpKLNxZrnf8z8lEHw53frhS2tXX0/hXwCmlDhtTw8BIrZp4cn+yiDBRTxGbGU+4M
        oKwE3+eRAgMBAAECggEAAMKK60GOsxz4HgtmPIb2LkqQZuUqD+G0ZETpWiJ5bn8K
        2So17/JnxJDG1LTX5RdOmVIJuS4qWqpHg6P5kITpiGv/R+vRY66XwLiMJGg7uxwN
        RQkBU0eWUHJ/MdVpCWxG+b2luSYUkoLNdPeH/QB1kqvnnSEm2K+TP9ndpbVXz8UY
        avaRKnbH+uguVvfipoHobjocJGpOjjAytZ5cjH1M4srSfqKwbHZO2GmZQkN8y0Zz
        uLbtGghr+vQgxQYEAToWl73Tw0/vjbFl3SqQXeznwievn9R3rXaOzybo+Go7+TCO
        CDsNiezzfgq2Q0pcYcOmEg2/7lQ1rVAWdOWL3nal+QKBgQDtGUl/pxdIlaKNZDsK
        CQbkxfEOQZC3a3e/ft8A9E7/pGUqJc9daRvKCxXKFMI3XAjTDRk2tAoKmPHbmwUL
        CDI7DEpVc99p2g9cX+IV4+qlzzCsJT58CeNStOuEIwmfqXJKduohFSXSGK9JVXh7
        CXWv1NvF8mz/GlsMUB/AJdWDGQKBgQC/ywMT+xJTRF7RFmG7NepIllmkRhv+qCeB
        YajevwEuE58r0bdw4tvCIvFjMrbUhjVjar+udZ7pepn7M9BtwbGzOD2ziJbxtrWn
        8uCxKhMXaw7o5jcxKQgbCiVn/b341SofcUmUjkJ/mS3nFCJAopof2u9Dsa06OfCl
        fQsCAQlPOQKBgQCv7eSIsP5o4IdWbPoV7y7LUEkW7/Wm9DpNwKFOfvmjXWOni5i7
        0kNJf0IyyYZ3N3ZgzEZaPet5g5VrAzMRxYooIG2DzNAJJkHhpFAJOC4jzIJsKdKc
        jWW9N/vN94WrkDr7IBOIar2+kIx4WNBmU1WdG8/bqI/SFsdacpWsqSYt+QKBgEfp
        mdzbDhL0lsy1JK3qWE8hOLlUpFiGulFTydrDKXEaYFswxiRom1eefH3iXRUwwUHm
        m7qRVaVbl/LNicAtmTCGzPPNKjO1e0Ve1wr2qLPmK2/+KgGfze89jasBRELRwnqJ
        oro14Q8w4zo6nWE41qtNDtuF+lrTsLyMNx1oQBJZAoGBAM/AZWE0suhhy8SG7+Zx
        IuGsUIZJfDfpeC5+bWgpycBh+JBvBzopfKmuNsSK2upQHyuTfEugT3sASIbsQIud
        SjTvqF6kGLFXt6m7vvETS3vAcn4aOahiKk65eWZzE/OtU5HRjCqUyaJ5PmH0SN8a
        EsnQYZhxuZNXE8zcIh+CA00w
        -----END PRIVATE KEY-----

        """

    /// `pkcs1.pem`.
    static let pkcs1PEM = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEpAIBAAKCAQEAsaHjvVMplgK4rfQokHHdw0bTG8t1toOAmpWf8TuGFEq6rq1Y
        0zr5d8QZjOKINvfXfC/5ztJDo+cN9xZxcVAOAEF4G3tu0qxH9jr+7myNYZ0M+flA
        vsAOo/NYwTVo9tBQXbN/h0vfNo4uIKGSO/xqfcEH6AvZC+mSIwelN81X3w0lWvvG
        OP9xVnFxyiPl53SaBiiQ/3e6ER1G33RIHC17hyE+wmT2YaKva36aJnwuP9QQ9Nft
        r3H0E6Um9BLJeUiLnZiWo2RQ9Fz6y3KSizcWa53/M/JRB8Od364UtrV19P4V8App
        Q4bU8PASK2aeHJ/sogwUU8RmxlPuDKCsBN/nkQIDAQABAoIBAADCiutBjrMc+B4L
        ZjyG9i5KkGblKg/htGRE6VoieW5/CtkqNe/yZ8SQxtS01+UXTplSCbkuKlqqR4Oj
        +ZCE6Yhr/0fr0WOul8C4jCRoO7scDUUJAVNHllByfzHVaQlsRvm9pbkmFJKCzXT3
        h/0AdZKr550hJtivkz/Z3aW1V8/FGGr2kSp2x/roLlb34qaB6G46HCRqTo4wMrWe
        XIx9TOLK0n6isGx2TthpmUJDfMtGc7i27RoIa/r0IMUGBAE6Fpe908NP742xZd0q
        kF3s58Inr5/Ud612js8m6PhqO/kwjgg7DYns834KtkNKXGHDphINv+5UNa1QFnTl
        i952pfkCgYEA7RlJf6cXSJWijWQ7CgkG5MXxDkGQt2t3v37fAPRO/6RlKiXPXWkb
        ygsVyhTCN1wI0w0ZNrQKCpjx25sFCwgyOwxKVXPfadoPXF/iFePqpc8wrCU+fAnj
        UrTrhCMJn6lySnbqIRUl0hivSVV4ewl1r9TbxfJs/xpbDFAfwCXVgxkCgYEAv8sD
        E/sSU0Re0RZhuzXqSJZZpEYb/qgngWGo3r8BLhOfK9G3cOLbwiLxYzK21IY1Y2q/
        rnWe6XqZ+zPQbcGxszg9s4iW8ba1p/LgsSoTF2sO6OY3MSkIGwolZ/29+NUqH3FJ
        lI5Cf5kt5xQiQKKaH9rvQ7GtOjnwpX0LAgEJTzkCgYEAr+3kiLD+aOCHVmz6Fe8u
        y1BJFu/1pvQ6TcChTn75o11jp4uYu9JDSX9CMsmGdzd2YMxGWj3reYOVawMzEcWK
        KCBtg8zQCSZB4aRQCTguI8yCbCnSnI1lvTf7zfeFq5A6+yATiGq9vpCMeFjQZlNV
        nRvP26iP0hbHWnKVrKkmLfkCgYBH6Znc2w4S9JbMtSSt6lhPITi5VKRYhrpRU8na
        wylxGmBbMMYkaJtXnnx94l0VMMFB5pu6kVWlW5fyzYnALZkwhszzzSoztXtFXtcK
        9qiz5itv/ioBn83vPY2rAURC0cJ6iaK6NeEPMOM6Op1hONarTQ7bhfpa07C8jDcd
        aEASWQKBgQDPwGVhNLLoYcvEhu/mcSLhrFCGSXw36Xgufm1oKcnAYfiQbwc6KXyp
        rjbEitrqUB8rk3xLoE97AEiG7ECLnUo076hepBixV7epu77xE0t7wHJ+GjmoYipO
        uXlmcxPzrVOR0YwqlMmieT5h9EjfGhLJ0GGYcbmTVxPM3CIfggNNMA==
        -----END RSA PRIVATE KEY-----

        """

    /// `spki.pem`.
    static let subjectPublicKeyInfoPEM = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsaHjvVMplgK4rfQokHHd
        w0bTG8t1toOAmpWf8TuGFEq6rq1Y0zr5d8QZjOKINvfXfC/5ztJDo+cN9xZxcVAO
        AEF4G3tu0qxH9jr+7myNYZ0M+flAvsAOo/NYwTVo9tBQXbN/h0vfNo4uIKGSO/xq
        fcEH6AvZC+mSIwelN81X3w0lWvvGOP9xVnFxyiPl53SaBiiQ/3e6ER1G33RIHC17
        hyE+wmT2YaKva36aJnwuP9QQ9Nftr3H0E6Um9BLJeUiLnZiWo2RQ9Fz6y3KSizcW
        a53/M/JRB8Od364UtrV19P4V8AppQ4bU8PASK2aeHJ/sogwUU8RmxlPuDKCsBN/n
        kQIDAQAB
        -----END PUBLIC KEY-----

        """

    /// `pkcs1pub.pem`.
    static let pkcs1PublicPEM = """
        -----BEGIN RSA PUBLIC KEY-----
        MIIBCgKCAQEAsaHjvVMplgK4rfQokHHdw0bTG8t1toOAmpWf8TuGFEq6rq1Y0zr5
        d8QZjOKINvfXfC/5ztJDo+cN9xZxcVAOAEF4G3tu0qxH9jr+7myNYZ0M+flAvsAO
        o/NYwTVo9tBQXbN/h0vfNo4uIKGSO/xqfcEH6AvZC+mSIwelN81X3w0lWvvGOP9x
        VnFxyiPl53SaBiiQ/3e6ER1G33RIHC17hyE+wmT2YaKva36aJnwuP9QQ9Nftr3H0
        E6Um9BLJeUiLnZiWo2RQ9Fz6y3KSizcWa53/M/JRB8Od364UtrV19P4V8AppQ4bU
        8PASK2aeHJ/sogwUU8RmxlPuDKCsBN/nkQIDAQAB
        -----END RSA PUBLIC KEY-----

        """

    /// publicExponent.
    static let publicExponent: UInt64 = 65537
    /// modulus (n).
    static let modulus = "b1a1e3bd53299602b8adf4289071ddc346d31bcb75b683809a959ff13b86144abaaead58d33af977c4198ce28836f7d7"
        + "7c2ff9ced243a3e70df7167171500e0041781b7b6ed2ac47f63afeee6c8d619d0cf9f940bec00ea3f358c13568f6d050"
        + "5db37f874bdf368e2e20a1923bfc6a7dc107e80bd90be9922307a537cd57df0d255afbc638ff71567171ca23e5e7749a"
        + "062890ff77ba111d46df74481c2d7b87213ec264f661a2af6b7e9a267c2e3fd410f4d7edaf71f413a526f412c979488b"
        + "9d9896a36450f45cfacb72928b37166b9dff33f25107c39ddfae14b6b575f4fe15f00a694386d4f0f0122b669e1c9fec"
        + "a20c1453c466c653ee0ca0ac04dfe791"
    /// privateExponent (d).
    static let privateExponent = "c28aeb418eb31cf81e0b663c86f62e4a9066e52a0fe1b46444e95a22796e7f0ad92a35eff267c490c6d4b4d7e5174e99"
        + "5209b92e2a5aaa4783a3f99084e9886bff47ebd163ae97c0b88c24683bbb1c0d45090153479650727f31d569096c46f9"
        + "bda5b926149282cd74f787fd007592abe79d2126d8af933fd9dda5b557cfc5186af6912a76c7fae82e56f7e2a681e86e"
        + "3a1c246a4e8e3032b59e5c8c7d4ce2cad27ea2b06c764ed8699942437ccb4673b8b6ed1a086bfaf420c50604013a1697"
        + "bdd3c34fef8db165dd2a905dece7c227af9fd477ad768ecf26e8f86a3bf9308e083b0d89ecf37e0ab6434a5c61c3a612"
        + "0dbfee5435ad501674e58bde76a5f9"
    /// prime1 (p).
    static let prime1 = "ed19497fa7174895a28d643b0a0906e4c5f10e4190b76b77bf7edf00f44effa4652a25cf5d691bca0b15ca14c2375c08"
        + "d30d1936b40a0a98f1db9b050b08323b0c4a5573df69da0f5c5fe215e3eaa5cf30ac253e7c09e352b4eb8423099fa972"
        + "4a76ea211525d218af4955787b0975afd4dbc5f26cff1a5b0c501fc025d58319"
    /// prime2 (q).
    static let prime2 = "bfcb0313fb1253445ed11661bb35ea489659a4461bfea8278161a8debf012e139f2bd1b770e2dbc222f16332b6d48635"
        + "636abfae759ee97a99fb33d06dc1b1b3383db38896f1b6b5a7f2e0b12a13176b0ee8e6373129081b0a2567fdbdf8d52a"
        + "1f7149948e427f992de7142240a29a1fdaef43b1ad3a39f0a57d0b0201094f39"
    /// exponent1 (dP).
    static let exponent1 = "afede488b0fe68e087566cfa15ef2ecb504916eff5a6f43a4dc0a14e7ef9a35d63a78b98bbd243497f4232c986773776"
        + "60cc465a3deb7983956b033311c58a28206d83ccd0092641e1a45009382e23cc826c29d29c8d65bd37fbcdf785ab903a"
        + "fb2013886abdbe908c7858d06653559d1bcfdba88fd216c75a7295aca9262df9"
    /// exponent2 (dQ).
    static let exponent2 = "47e999dcdb0e12f496ccb524adea584f2138b954a45886ba5153c9dac329711a605b30c624689b579e7c7de25d1530c1"
        + "41e69bba9155a55b97f2cd89c02d993086ccf3cd2a33b57b455ed70af6a8b3e62b6ffe2a019fcdef3d8dab014442d1c2"
        + "7a89a2ba35e10f30e33a3a9d6138d6ab4d0edb85fa5ad3b0bc8c371d68401259"
    /// coefficient (qInv).
    static let coefficient = "cfc0656134b2e861cbc486efe67122e1ac5086497c37e9782e7e6d6829c9c061f8906f073a297ca9ae36c48adaea501f"
        + "2b937c4ba04f7b004886ec408b9d4a34efa85ea418b157b7a9bbbef1134b7bc0727e1a39a8622a4eb979667313f3ad53"
        + "91d18c2a94c9a2793e61f448df1a12c9d0619871b9935713ccdc221f82034d30"
}
