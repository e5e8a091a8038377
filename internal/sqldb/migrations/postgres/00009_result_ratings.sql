-- +goose Up
CREATE TABLE assessment_result_ratings (
    assessment_id BIGINT  NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    result_id     BIGINT  NOT NULL REFERENCES skp_results (id),
    rating        TEXT    NOT NULL CHECK (rating IN ('di_atas', 'sesuai', 'di_bawah')),
    PRIMARY KEY (assessment_id, result_id)
);

-- +goose Down
DROP TABLE assessment_result_ratings;
