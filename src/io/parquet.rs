//! Parquet node and edge tables (the `parquet` feature), with GraphFrames'
//! column names: nodes `id`, ...; edges `src`, `dst`, ....

use std::sync::Arc;

use parquet::basic::{LogicalType, Repetition, Type as PhysicalType};
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use crate::error::{Error, Result};
use crate::io::tables::{Column, ColumnType, NetworkTables, Values};

fn failed(e: parquet::errors::ParquetError) -> Error {
    Error::InvalidArgument { name: "parquet", reason: e.to_string() }
}

/// One column to write: its name, type, whether it is required, and its cells.
struct Out<'a> {
    column: Column,
    required: bool,
    cells: Vec<Option<&'a str>>,
}

impl NetworkTables {
    /// Parquet files of the node table (`id`, then the node columns) and the
    /// edge table (`src`, `dst`, then the edge columns), as Spark GraphFrames,
    /// DuckDB and Polars read them. Text columns are UTF-8 strings, whole
    /// numbers INT64, others DOUBLE; missing values are nulls. Uncompressed,
    /// one row group per table.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if a number column holds text that is not a
    /// number, or the Parquet writer fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use salesnet::graph::SnapshotBuilder;
    /// use salesnet::io::NetworkTables;
    ///
    /// let mut b = SnapshotBuilder::undirected();
    /// b.add_edge("ann", "bob", 0.5)?;
    /// let (nodes, edges) = NetworkTables::from_snapshot(&b.build()).to_parquet()?;
    /// assert_eq!(&nodes[..4], b"PAR1");
    /// assert_eq!(&edges[edges.len() - 4..], b"PAR1");
    /// # Ok::<(), salesnet::Error>(())
    /// ```
    pub fn to_parquet(&self) -> Result<(Vec<u8>, Vec<u8>)> {
        let mut nodes = vec![key("id", self.nodes.iter().map(|(id, _)| Some(id.as_str())).collect())];
        nodes.extend(columns(&self.node_columns, self.nodes.iter().map(|(_, v)| v)));
        let mut edges = vec![
            key("src", self.edges.iter().map(|(s, _, _)| Some(s.as_str())).collect()),
            key("dst", self.edges.iter().map(|(_, t, _)| Some(t.as_str())).collect()),
        ];
        edges.extend(columns(&self.edge_columns, self.edges.iter().map(|(_, _, v)| v)));
        Ok((file("nodes", &nodes)?, file("edges", &edges)?))
    }
}

/// A required text column: an id, or an end of an edge.
fn key<'a>(name: &str, cells: Vec<Option<&'a str>>) -> Out<'a> {
    Out { column: Column::new(name, ColumnType::String), required: true, cells }
}

fn columns<'a>(columns: &[Column], rows: impl Iterator<Item = &'a Values> + Clone) -> Vec<Out<'a>> {
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| Out {
            column: c.clone(),
            required: false,
            cells: rows.clone().map(|r| r[i].as_deref()).collect(),
        })
        .collect()
}

fn file(name: &str, outs: &[Out<'_>]) -> Result<Vec<u8>> {
    let fields = outs
        .iter()
        .map(|o| {
            let (physical, logical) = match o.column.kind {
                ColumnType::String => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
                ColumnType::Int => (PhysicalType::INT64, None),
                ColumnType::Double => (PhysicalType::DOUBLE, None),
            };
            let repetition = if o.required { Repetition::REQUIRED } else { Repetition::OPTIONAL };
            Type::primitive_type_builder(&o.column.name, physical)
                .with_repetition(repetition)
                .with_logical_type(logical)
                .build()
                .map(Arc::new)
                .map_err(failed)
        })
        .collect::<Result<Vec<_>>>()?;
    let schema = Arc::new(Type::group_type_builder(name).with_fields(fields).build().map_err(failed)?);
    let mut bytes = Vec::new();
    let mut writer =
        SerializedFileWriter::new(&mut bytes, schema, Arc::new(WriterProperties::builder().build())).map_err(failed)?;
    let mut group = writer.next_row_group().map_err(failed)?;
    let mut index = 0;
    while let Some(mut column) = group.next_column().map_err(failed)? {
        let out = &outs[index];
        index += 1;
        let levels: Vec<i16> = out.cells.iter().map(|c| i16::from(c.is_some())).collect();
        let levels = (!out.required).then_some(&levels[..]);
        let present = out.cells.iter().flatten();
        let number = |text: &str| Error::InvalidArgument {
            name: "parquet",
            reason: format!("column `{}`: `{text}` is not a number", out.column.name),
        };
        match column.untyped() {
            ColumnWriter::ByteArrayColumnWriter(w) => {
                let values: Vec<ByteArray> = present.map(|s| ByteArray::from(s.as_bytes().to_vec())).collect();
                w.write_batch(&values, levels, None).map_err(failed)?;
            }
            ColumnWriter::Int64ColumnWriter(w) => {
                let values = present.map(|s| s.parse::<i64>().map_err(|_| number(s))).collect::<Result<Vec<_>>>()?;
                w.write_batch(&values, levels, None).map_err(failed)?;
            }
            ColumnWriter::DoubleColumnWriter(w) => {
                let values = present.map(|s| s.parse::<f64>().map_err(|_| number(s))).collect::<Result<Vec<_>>>()?;
                w.write_batch(&values, levels, None).map_err(failed)?;
            }
            _ => unreachable!("only string, int64 and double columns are declared"),
        }
        column.close().map_err(failed)?;
    }
    group.close().map_err(failed)?;
    writer.close().map_err(failed)?;
    Ok(bytes)
}
