/// Ciphertexts OpenSSL 3.0.19 made under ``TestKeys/rsa1024``'s public key, for the interoperability scenario on
/// a machine without `openssl`: they must decrypt to their messages. Made with
/// `openssl pkeyutl -encrypt -pubin -inkey public.pem -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256
/// -pkeyopt rsa_mgf1_md:sha256 [-pkeyopt rsa_oaep_label:HEX]`, each checked by `openssl pkeyutl -decrypt`.
enum RecordedOpenSSL {
    struct Case {
        let message: String, label: String, ciphertext: String
    }

    /// A sentence without a label, the longest message the key carries (62 bytes) with the label "bob→alice",
    /// and the empty message.
    static let cases = [
        Case(message: "426f6220746f20416c6963653a20746865206b657920697320756e64657220746865206d6174", label: "",
             ciphertext: "9d21337d0b741c465d8f2eb86d4c7677a65728362d8d452eb91197f7472dba00ca65554947181c2a6fd2ffacaa3b0af5e59b6cab4b6a75b0fae074b33af3003c2bd33af9af5b35ab863bbea3cf6a8fa3180f89deb3f7915c6b286d937037a03f58973aa0287857e4624788f85e501efb72c0be02a74d5e1dea376c9eaa258e49"),
        Case(message: "0b30557a9fc4e90e33587da2c7ec11365b80a5caef14395e83a8cdf2173c6186abd0f51a3f6489aed3f81d42678cb1d6fb20456a8fb4d9fe23486d92b7dc",
             label: "626f62e28692616c696365",
             ciphertext: "7e8b9a0082351ddc2007c53eb3f1b99223cee34a4073b772331f34fe1ede0daef38a425f01f3201d2d58c83b19471fae176ea199de1c2111e97b7958647ee7f778b848870c4e285ac08464d596ec0deacd36002def496d87cb18eef9c256e2cb75d392f5e0b099ec260d2be7fb270a92f1a822cd3ff9bc598aa3dc4d05796322"),
        Case(message: "", label: "",
             ciphertext: "39a261ff21c9efe8b15f1356014be8ea1f3d2c24d2431ecca7f52820fb9e3f73cda417bba02d9bd7a737af31a4e757d74729b7c2c7b91268db23d589a91046d7ef42c1beac0b34e27b51b9b627719955c713d339847a701ad25835047fa8e8610a54682667c69bc621a587ce2d9554dc18ca89256c278540b0416141299fe7e8"),
    ]
}
