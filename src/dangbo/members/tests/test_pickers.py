"""The pickers of the forms find, as the clerk types, the people and units of their write
reach, and nothing beyond it (issue 20, item 4)."""


def test_a_person_is_found_by_a_word_of_the_name_without_diacritics(people, as_user):
    page = as_user("board").get("/tim/nguoi/?ma_nguoi=cuong").content.decode()
    assert '<option value="P3">Lê Văn Cường — sinh 15/01/1983</option>' in page


def test_a_secretary_finds_no_one_outside_their_cells(people, as_user):
    client = as_user("secretary_b")  # S1: P4 and the candidate P5
    assert 'value="P4"' in client.get("/tim/nguoi/?ma_nguoi=pham").content.decode()
    assert client.get("/tim/nguoi/?ma_nguoi=nguyen").content.decode().strip() == ""  # P1 is in D1


def test_a_read_only_role_finds_no_one_to_write_about(people, as_user):
    assert as_user("leader").get("/tim/nguoi/?ma_nguoi=le").content.decode().strip() == ""


def test_a_unit_is_found_by_code_or_name_within_the_write_reach(people, as_user):
    board = as_user("board").get("/tim/don-vi/?ma=Ng%C3%A2n").content.decode()
    assert '<option value="C2">Chi bộ Ngân sách</option>' in board
    assert as_user("secretary_b").get("/tim/don-vi/?ma=C1").content.decode().strip() == ""  # D1's cell


def test_the_member_event_form_offers_the_pickers(people, as_user):
    form = as_user("board").get("/dang-vien/bien-dong/").content.decode()
    assert 'list="id_ma_nguoi-goi-y"' in form and 'hx-get="/tim/nguoi/"' in form
    assert '<datalist id="id_ma_nguoi-goi-y"></datalist>' in form
