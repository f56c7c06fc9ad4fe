DROP TABLE skills;
DROP TABLE categories;
